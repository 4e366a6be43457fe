package dev.portcullis.iam.invoke;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.OperationHandler;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.audit.AuditTrail;
import dev.portcullis.iam.audit.CallRecord;
import dev.portcullis.iam.audit.RequestFacts;
import dev.portcullis.iam.audit.UserIdentity;
import dev.portcullis.iam.auth.ArnMembers;
import dev.portcullis.iam.authz.Authorizer;
import dev.portcullis.iam.store.CommitHook;
import dev.portcullis.iam.store.Store;
import dev.portcullis.iam.store.StoreTx;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ClientText;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import java.time.Instant;
import java.util.Optional;

/**
 * One call on its way through the core. The front door tells it what it learns (the service,
 * the operation, who signed, the error that ended the call early) and closes it; {@link
 * #invoke} authorizes and runs the handler. Exactly one event is emitted per invocation: a call
 * that changed the store has it appended in the transaction of its first change; every other
 * call (read-only, denied, invalid, unauthenticated) has it recorded on close. Not thread-safe:
 * one request thread owns it.
 */
public final class Invocation implements AutoCloseable {
  /** The event name of a request that named no operation. */
  static final String UNNAMED = "Unknown";
  private static final System.Logger LOG = System.getLogger(Invocation.class.getName());
  private static final String API_CALL = "AwsApiCall";
  /** Where CloudTrail records IAM, a global service, and calls that name no region. */
  private static final String DEFAULT_REGION = "us-east-1";
  private final RequestFacts facts;
  private final Authorizer authorizer;
  private final Store store;
  private final AuditTrail trail;
  private final AppendOnCommit hook = new AppendOnCommit();
  private String service;
  private String eventName;
  private Operation operation;
  private UserIdentity identity = UserIdentity.unknown(null);
  private String accountId;
  private String region;
  private Struct input;
  private Struct output;
  private AwsException error;
  private boolean invoked;
  private boolean closed;

  Invocation(RequestFacts facts, Authorizer authorizer, Store store, AuditTrail trail) {
    this.facts = facts;
    this.authorizer = authorizer;
    this.store = store;
    this.trail = trail;
  }

  /** The request's id, for the answer and the log. */
  public String requestId() {
    return facts.requestId();
  }

  /** When the request arrived, by the server's clock. */
  public Instant time() {
    return facts.time();
  }

  /** The key of the caller who authenticated, once one has. */
  public Optional<String> authenticatedKeyId() {
    return "Unknown".equals(identity.type()) ? Optional.empty()
        : Optional.ofNullable(identity.accessKeyId());
  }

  /** The service the request is for, by signing name (iam, sts). */
  public void service(String signingName) {
    this.service = signingName;
  }

  /**
   * The operation the request names; {@code op} is null when the model has no such one. Such
   * a name is client text (an Action of up to a whole body, before any authentication): it is
   * recorded shortened and printable, so an unknown action cannot put a megabyte into the
   * trail per unauthenticated request.
   */
  public void operation(String name, Operation op) {
    // Never absent either, so that no request can make its event unstorable.
    this.eventName = op != null ? op.name()
        : name == null || name.isEmpty() ? UNNAMED : ClientText.sanitize(name);
    this.operation = op;
  }

  /** The access key a request presented before its signature was checked. */
  public void presentedKey(String accessKeyId) {
    this.identity = UserIdentity.unknown(accessKeyId == null ? null
        : ClientText.sanitize(accessKeyId));
  }

  /** Who the request authenticated as: the event names them even if the call fails later. */
  public void authenticated(Caller caller) {
    this.identity = caller.userIdentity();
    this.accountId = caller.accountId();
    this.region = service != null && service.equals("iam") ? DEFAULT_REGION : caller.region();
  }

  /** The account a request was made to when no caller of it is known (credential endpoints). */
  public void account(String accountId) {
    this.accountId = accountId;
  }

  /**
   * Validates what the model cannot ({@link ArnMembers}), authorizes {@code caller} for {@code
   * op} of this invocation's service, then runs the registered handler under a commit hook that
   * appends the event in the transaction of the call's first change. Nothing else in Portcullis
   * runs a handler for a front door.
   */
  public Struct invoke(Caller caller, OperationRegistry registry, Operation op, Struct in) {
    return run(caller, op, in, () -> {
      ArnMembers.requireParsable(service, in);
      authorizer.authorize(caller, service, op.name(), in);
      OperationHandler handler = registry.handler(op.name())
          .orElseThrow(() -> notImplemented(op));
      return handler;
    });
  }

  /**
   * Runs {@code work} for an AWS service principal (the container-credentials endpoint acting
   * as ecs-tasks.amazonaws.com). A service has no identity policies: its authorization is the
   * trust policy of the role it assumes, which {@code work} checks, answering AccessDenied
   * when refused. Like a handler, it runs under the commit hook.
   */
  public Struct invokeAsService(Caller.AwsService caller, Operation op, Struct in,
      OperationHandler work) {
    return run(caller, op, in, () -> work);
  }

  /**
   * Runs {@code work} as the root user's call of {@code op} when the operation's input cannot
   * name root: EnableMFADevice's required UserName names an IAM user, yet AWS lets root enable
   * its own device in the console. Authorized as any call of the root user, run under the
   * commit hook and recorded as the call, like a handler.
   */
  public Struct invokeForRoot(Caller.Root caller, Operation op, Struct in,
      OperationHandler work) {
    return invokeWork(caller, op, in, work);
  }

  /**
   * Runs {@code work} as {@code caller}'s call of {@code op}, authorized on {@code in} as that
   * call is, when the work is not the operation's handler: root's EnableMFADevice, or a
   * passkey's registration in the console, which AWS authorizes as iam:EnableMFADevice on the
   * user. Run under the commit hook and recorded as the call, like a handler.
   */
  public Struct invokeWork(Caller caller, Operation op, Struct in, OperationHandler work) {
    return run(caller, op, in, () -> {
      authorizer.authorize(caller, service, op.name(), in);
      return work;
    });
  }

  /**
   * An operation the model takes unsigned (AssumeRoleWithSAML, AssumeRoleWithWebIdentity): it
   * needs its own proof (an assertion or token) in place of a signature, which Portcullis does
   * not verify yet, so it is refused as not implemented, and recorded as such.
   */
  public Struct invokeUnsigned(Operation op, Struct in) {
    this.input = in;
    throw fail(notImplemented(op));
  }

  /** Records the error that ends the call, when the front door answers it without the core. */
  public AwsException fail(AwsException e) {
    this.error = e;
    return e;
  }

  private interface Resolution {
    OperationHandler authorizedHandler();
  }

  private Struct run(Caller caller, Operation op, Struct in, Resolution resolve) {
    if (invoked || closed) {
      throw new IllegalStateException("one invocation runs one call");
    }
    invoked = true;
    authenticated(caller);
    this.operation = op;
    this.eventName = op.name();
    this.input = in;
    try {
      OperationHandler handler = resolve.authorizedHandler();
      Struct out = store.withCommitHook(hook, () -> handler.handle(caller, in));
      this.output = out;
      return out;
    } catch (AwsException e) {
      throw fail(e);
    }
  }

  private AwsException notImplemented(Operation op) {
    return AwsException.of(ErrorCode.NOT_IMPLEMENTED, "Portcullis does not implement %s:%s yet.",
        service, op.name());
  }

  /**
   * Emits the call's event unless the trail already holds it: a call that changed the store
   * had it appended in the transaction of its first change.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (hook.appended) {
      return;
    }
    AwsException ended = error;
    if (ended == null && output == null) {
      // Neither an answer nor an error: a throwable no front door catches (an Error other than
      // StackOverflowError) ended the call, which must not be recorded as a success.
      ended = new AwsException(ErrorCode.SERVICE_FAILURE, "The request processing has failed "
          + "because of an unknown error, exception or failure.");
    }
    try {
      trail.record(record(output, ended));
    } catch (RuntimeException e) {
      // The answer is already decided; a trail that cannot take the event must not change it.
      LOG.log(System.Logger.Level.ERROR, "request {0}: its audit event could not be recorded: {1}",
          facts.requestId(), e.toString());
    }
  }

  private CallRecord record(Struct out, AwsException err) {
    return new CallRecord(facts, service == null ? null : service + ".amazonaws.com",
        eventName == null ? UNNAMED : eventName,
        operation, region == null ? DEFAULT_REGION : region, identity, accountId, input, out, err,
        API_CALL);
  }

  /**
   * Appends the event in the call's first committing write. A handler that writes more than
   * once has its event appended once, with the first write; should the call then fail, its
   * change stays committed and so does its event, which records the call as it stood at that
   * commit (no error, that write's result as output when it is a Struct): the trail keeps
   * every committed change, and the caller's error answer is in the access log.
   */
  private final class AppendOnCommit implements CommitHook {
    private boolean appended;

    @Override
    public void beforeCommit(StoreTx tx, Object result) {
      if (!appended) {
        // Runs again if the transaction is retried: the rolled-back append is made anew.
        trail.appendInTransaction(tx, record(result instanceof Struct s ? s : null, null));
      }
    }

    @Override
    public void afterCommit() {
      appended = true;
    }
  }
}
