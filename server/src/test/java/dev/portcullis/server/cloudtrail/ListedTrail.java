package dev.portcullis.server.cloudtrail;

import dev.portcullis.iam.audit.lookup.AuditLookup;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.iam.domain.AuditEventQuery;
import dev.portcullis.iam.domain.StoredAuditEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A trail held in a list, answering lookups as AuditStore's contract says (newest first, below
 * the paging position, one attribute, inclusive time range), so that a test of the wire holds
 * exactly the events it expects; e2e.AwsCliAuditTrailTest reads the store's own trail.
 */
final class ListedTrail implements AuditLookup {
  private final List<StoredAuditEvent> events = new CopyOnWriteArrayList<>();

  void add(AuditEvent event) {
    events.add(new StoredAuditEvent(events.size() + 1, event, "-", "-"));
  }

  @Override
  public List<StoredAuditEvent> lookup(AuditEventQuery q) {
    List<StoredAuditEvent> out = new ArrayList<>();
    events.stream().sorted(Comparator.comparingLong(StoredAuditEvent::seq).reversed())
        .filter(s -> s.seq() < q.beforeSeq())
        .filter(s -> s.event().accountId().equals(q.accountId()))
        .filter(s -> !s.event().eventTime().isBefore(q.start())
            && !s.event().eventTime().isAfter(q.end()))
        .filter(s -> q.attribute().map(a -> matches(s.event(), a)).orElse(true))
        .limit(q.limit()).forEach(out::add);
    return out;
  }

  private static boolean matches(AuditEvent e, AuditEventQuery.Attribute a) {
    String v = a.value();
    return switch (a.key()) {
      case EventId -> v.equals(e.eventId());
      case EventName -> v.equals(e.eventName());
      case ReadOnly -> v.equals(Boolean.toString(e.readOnly()));
      case Username -> v.equals(e.username());
      case ResourceType -> e.resources().stream().anyMatch(r -> v.equals(r.type()));
      case ResourceName -> e.resources().stream().anyMatch(r -> v.equals(r.name()));
      case EventSource -> v.equals(e.eventSource());
      case AccessKeyId -> v.equals(e.accessKeyId());
    };
  }
}
