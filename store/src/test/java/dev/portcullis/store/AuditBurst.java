package dev.portcullis.store;

import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.CloudTrailRecords;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.StoredAuditTrail;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.ServiceModel;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * The process {@link AuditKillTest} kills: threads record read-only calls (batched) and
 * changing calls (in their transaction) as fast as they can, printing each acknowledged
 * request id ("r 17" or "w 17") once the trail has taken it, as a server answers a client.
 */
public final class AuditBurst {
  private AuditBurst() {}

  public static void main(String[] args) throws Exception {
    JdbcStore store = JdbcStore.open(args[0], null, null);
    ServiceModel iam = ServiceModel.bundled("iam");
    CloudTrailRecords records = new CloudTrailRecords(Map.of("iam.amazonaws.com", iam));
    StoredAuditTrail trail = StoredAuditTrail.start(store, records);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        false);
    Object lock = new Object();
    for (int t = 0; t < 4; t++) {
      final int thread = t;
      Thread worker = new Thread(() -> {
        for (long i = 0; ; i++) {
          String id = thread + "-" + i;
          boolean change = thread == 0;
          CallRecord call = new CallRecord(new RequestFacts(id, Instant.now(), "127.0.0.1",
              "burst", null), "iam.amazonaws.com", change ? "CreateUser" : "GetUser",
              iam.operation(change ? "CreateUser" : "GetUser").orElseThrow(), "us-east-1",
              UserIdentity.unknown("AKIAEXAMPLEEXAMPLE01"), "123456789012",
              Struct.of("UserName", "u" + id), null, null, "AwsApiCall");
          if (change) {
            store.write(tx -> {
              trail.appendInTransaction(tx, call);
              return null;
            });
          } else {
            trail.record(call);
          }
          synchronized (lock) {
            out.println((change ? "w " : "r ") + id);
            out.flush();
          }
        }
      });
      worker.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
