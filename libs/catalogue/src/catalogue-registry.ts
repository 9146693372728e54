import { hash, randomUUID } from 'node:crypto';
import {
  canonicalJson, CATALOGUE_PUBLISHED, CATALOGUE_STREAM, checkCatalogueDocument, publishedDocuments, resolveCatalogueDocument,
} from '@trm/domain';
import type { CatalogueError, PublishedCatalogueDocument, ResolvedCatalogue } from '@trm/domain';
import { WrongExpectedVersionError } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';

/** Who publishes: the key's id (stored as `publishedBy`) and its countries (`*`: all). */
export interface PublishingKey {
  id: string;
  countries: readonly string[];
}

export type PublishResult =
  | { ok: true; published: PublishedCatalogueDocument; resolved: ResolvedCatalogue; position: number | undefined }
  /** `conflict`: the id is taken (`catalogue_version_exists`, 409); otherwise a refused document (400). */
  | { ok: false; conflict: boolean; errors: CatalogueError[] };

export interface CatalogueRegistryOptions {
  /** Knowledge time source (the runtime's clock); a publication is never stamped before the store's last event. */
  now?: () => Date;
}

interface Snapshot {
  /** The store's head when the stream was read: while it has not moved, nothing was published. */
  head: number;
  /** Revision of the catalogue stream's last event (-1: no publication yet). */
  revision: number;
  list: readonly PublishedCatalogueDocument[];
}

/** Appends that lost a race on the catalogue stream are re-read and re-checked at most this often. */
const MAX_ATTEMPTS = 5;

/**
 * The catalogue documents of the event store (CATALOGUE.md "Versions and national profiles"):
 * the shipped baseline, then every `catalogue.published` event of the catalogue stream, in order.
 * The list is cached and re-read only when the store's head has moved (another process, or this
 * one, may have published); while it has not, a call costs one head lookup, and when it has, one
 * look-up of the catalogue stream's revision tells whether the stream itself moved (SQLite: ~5 µs
 * cached, ~0.15 ms after a case append, ~0.75 ms to re-read six documents). The head is the
 * store's: a SQLite store is written by one process (its own appends move it), KurrentDB asks the
 * server. Publishing checks a
 * document against the list read, then appends one event at the revision read, so two
 * publications of one id can never both pass `catalogue_version_exists`.
 */
export class CatalogueRegistry {
  private snapshot?: Snapshot;
  private readonly now: () => Date;

  constructor(private readonly store: EventStore, options: CatalogueRegistryOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /** The published documents, the shipped baseline first, in publication order. */
  async published(): Promise<readonly PublishedCatalogueDocument[]> {
    return (await this.read(false)).list;
  }

  /** A document by id, with its resolution against the documents published with it. */
  async find(id: string): Promise<{ published: PublishedCatalogueDocument; resolved: ResolvedCatalogue } | undefined> {
    const list = await this.published();
    const published = list.find((p) => p.document.id === id);
    const resolved = published && resolveCatalogueDocument(published.document, list);
    return published && resolved ? { published, resolved } : undefined;
  }

  /**
   * Checks `input` (CATALOGUE.md "Publishing is checked") against the documents published so far
   * and the key's countries; on success appends it as one `catalogue.published` event. Nothing is
   * stored on failure. Which role may publish which kind is the caller's (the API's) check.
   * `recordedAt`: a knowledge time to record, for internal loaders only (demo data publishing
   * between days of its history, as the demo loader's submissions do); still never earlier than the
   * store's last event. The API never sets it.
   */
  async publish(input: unknown, key: PublishingKey, options: { recordedAt?: Date } = {}): Promise<PublishResult> {
    for (let attempt = 1; ; attempt++) {
      const snapshot = await this.read(true);
      const checked = checkCatalogueDocument(input, { published: snapshot.list, countries: key.countries });
      if (!checked.ok) {
        return { ok: false, conflict: checked.errors.some((e) => e.code === 'catalogue_version_exists'), errors: checked.errors };
      }
      const document = checked.document;
      const json = canonicalJson(document);
      const recordedAt = await this.recordedAt(options.recordedAt);
      try {
        const [result] = await this.store.append([{
          streamId: CATALOGUE_STREAM,
          expected: snapshot.revision === -1 ? 'no_stream' : snapshot.revision,
          events: [{
            eventId: randomUUID(), type: CATALOGUE_PUBLISHED,
            data: document as unknown as Record<string, unknown>,
            metadata: { recordedAt, submissionId: randomUUID(), keyId: key.id, channel: 'http' },
            contentHash: hash('sha256', json, 'hex'), dataJson: json,
          }],
        }]);
        const published: PublishedCatalogueDocument = { document, recordedAt, publishedBy: key.id };
        const list = [...snapshot.list, published];
        this.snapshot = undefined;
        return { ok: true, published, resolved: resolveCatalogueDocument(document, list)!, position: result.positions[0] };
      } catch (err) {
        // Another publication took the revision read: re-read, and check again (the id may be taken now).
        if (err instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /**
   * The cached list while the store's head has not moved; otherwise the stream re-read (the
   * documents already known are kept: the stream is append-only and documents never change).
   * `fresh`: read the stream whatever the head says (publishing needs the exact revision).
   */
  private async read(fresh: boolean): Promise<Snapshot> {
    const head = await this.store.headPosition();
    const known = this.snapshot;
    if (!fresh && known && known.head === head) return known;
    // The head moved (mostly case events): one index lookup tells whether the catalogue stream did.
    if (!fresh && known && (await this.store.streamRevision(CATALOGUE_STREAM)) === known.revision) {
      if (this.snapshot === known) this.snapshot = { ...known, head };
      return known;
    }
    const events = await this.store.readStream(CATALOGUE_STREAM);
    const revision = events.length === 0 ? -1 : events[events.length - 1].revision;
    const list = known && known.revision === revision ? known.list : Object.freeze(publishedDocuments(events));
    const snapshot = { head, revision, list };
    if (!this.snapshot || this.snapshot.head <= head) this.snapshot = snapshot;
    return snapshot;
  }

  /** Knowledge time never goes backwards: not before the last event the store holds. */
  private async recordedAt(requested?: Date): Promise<string> {
    let t = (requested ?? this.now()).getTime();
    const head = await this.store.headPosition();
    if (head > 0) {
      const [last] = await this.store.readAll(head - 1, 1, { hashes: false });
      if (last) t = Math.max(t, Date.parse(last.metadata.recordedAt));
    }
    return new Date(t).toISOString();
  }
}
