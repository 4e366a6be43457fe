package dev.portcullis.iam.invoke;

import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.authz.Authorizer;
import dev.portcullis.iam.store.Store;

/**
 * The one way into the core for every front door (the API, the credential endpoints, later the
 * console): a front door {@link #open opens} an invocation when a request arrives and closes it
 * when the answer is ready. In between, the only way to run an operation's handler is {@link
 * Invocation#invoke}, which authorizes first; closing emits the call's single audit event,
 * whatever happened, so no front door can skip authorization or the trail.
 */
public final class Invoker {
  private final Authorizer authorizer;
  private final Store store;
  private final AuditTrail trail;

  public Invoker(Authorizer authorizer, Store store, AuditTrail trail) {
    this.authorizer = authorizer;
    this.store = store;
    this.trail = trail;
  }

  /** Starts one call; close the invocation (try-with-resources) to emit its event. */
  public Invocation open(RequestFacts facts) {
    return new Invocation(facts, authorizer, store, trail);
  }
}
