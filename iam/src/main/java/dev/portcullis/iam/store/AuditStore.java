package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit trail: events in one hash chain, in the order they were appended. Appending locks
 * the chain's head (on PostgreSQL with a row lock held to the commit), so the nodes of a
 * cluster extend one chain and no two events claim the same predecessor.
 */
public interface AuditStore {
  /**
   * Appends the staged events not yet chained (in the order they were staged), then {@code
   * events}, at the end of the chain, each with the hash of its predecessor ({@code
   * AuditChain.hash}); returns them as stored. With no events, seals what is staged.
   */
  List<StoredAuditEvent> append(List<AuditEvent> events);

  /**
   * Keeps {@code event} in this transaction without touching the chain (no lock): the event of
   * a change, committed with it; the next {@link #append} chains it.
   */
  void stage(AuditEvent event);

  /** How many staged events wait to be chained. */
  long staged();

  /**
   * The ids of the staged events that no longer decode (the database was altered or damaged):
   * appends leave them where they are and chain the rest, and {@code audit verify --store}
   * reports them.
   */
  List<Long> unreadableStaged();

  /**
   * Compares the lookup index with the stored events in one pass over both, oldest first,
   * passing each disagreement to {@code out}; segments that no longer decode are skipped.
   */
  void checkLookupIndex(Consumer<AuditTermMismatch> out);

  /** The newest event of the chain, if there is one. */
  Optional<StoredAuditEvent> head();

  /**
   * The chain's starting point: the sequence number and hash of the last event removed by
   * retention ({@code 0} and the zero hash when nothing was ever removed).
   */
  StoredAuditEvent.Anchor anchor();

  /** Up to {@code limit} events from sequence number {@code fromSeq} on, oldest first. */
  List<StoredAuditEvent> range(long fromSeq, int limit);

  /**
   * Events matching {@code query}, newest first (see {@link AuditEventQuery}); staged events
   * are included, numbered and hashed as the next append will chain them.
   */
  List<StoredAuditEvent> lookup(AuditEventQuery query);

  /**
   * Removes the events older than {@code cutoff} (only a prefix of the chain), moving the
   * anchor to the last one removed; returns how many.
   */
  int deleteBefore(Instant cutoff);
}
