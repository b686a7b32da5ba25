import { caseStreamId } from '../../domain/events';
import { ChainVerifier } from '../../eventstore/hash-chain';
import { START } from '../../eventstore/position';
import type { Runtime } from '../runtime';
import { caseIdForReference } from './replay';

/**
 * Recomputes hash chains from the stored events. A case's history that was altered,
 * reordered or cut short after it was recorded fails, naming the first altered event.
 */
export const verify = async (runtime: Runtime, reference: string | undefined) => {
  const verifier = new ChainVerifier();
  if (reference) {
    const caseId = await caseIdForReference(runtime, reference);
    for await (const event of runtime.eventLog.readStream(caseStreamId(caseId)))
      verifier.check(event);
  } else {
    for await (const event of runtime.eventLog.readAll(START)) verifier.check(event);
    for await (const head of runtime.eventLog.streamHeads())
      verifier.checkHead(head.streamId, head.revision, head.hash);
  }
  return verifier;
};
