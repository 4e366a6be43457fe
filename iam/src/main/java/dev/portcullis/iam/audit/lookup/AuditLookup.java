package dev.portcullis.iam.audit.lookup;

import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import dev.portcullis.iam.store.Store;
import java.util.List;

/** Where LookupEvents reads the trail: the store's audit events, newest first. */
@FunctionalInterface
public interface AuditLookup {
  List<StoredAuditEvent> lookup(AuditEventQuery query);

  /** The trail kept in {@code store}, read in a read-only transaction. */
  static AuditLookup of(Store store) {
    return query -> store.read(tx -> tx.audit().lookup(query));
  }
}
