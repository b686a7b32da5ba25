/** Saves text made in the browser as a file with this name, as a link to a file would. */
export const downloadFile = (filename: string, type: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the file after the click returns: give them time before freeing it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
