import type { TrmConfig } from '@trm/config';
import { rekeyLegacyReferral, upcastData } from '@trm/domain';
import type { Upcast } from '@trm/projections';
import { pseudonymSecret } from './secrets';

/**
 * What every stored event passes through before projection, in the projector's thread or its
 * worker: schema upcasting (so a future v2 needs no history rewrite), then the re-keying of referral
 * ids stored before they were re-keyed at ingest. One definition for both threads.
 */
export function storedEventUpcast(config: TrmConfig): Upcast {
  const rekey = rekeyLegacyReferral(pseudonymSecret(config.dataDir, config.pseudonymSecret));
  return (d) => {
    const lifted = upcastData(d);
    return 'referralId' in lifted ? rekey(lifted) : lifted;
  };
}
