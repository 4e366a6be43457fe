package dev.portcullis.server.container;

import dev.portcullis.protocol.ClientText;
import dev.portcullis.server.http.RequestFactsSource;
import dev.portcullis.server.http.FrontDoor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.iam.Caller;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.invoke.Invocation;
import dev.portcullis.iam.invoke.Invoker;
import dev.portcullis.iam.sts.IssuedCredentials;
import dev.portcullis.iam.sts.ServiceRoleSessions;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.UriEncoding;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * The container-credentials endpoint the AWS SDKs' default credential chain reads through
 * AWS_CONTAINER_CREDENTIALS_FULL_URI: {@code GET /container-credentials/NAME} with the token in
 * the Authorization header answers the JSON of an ECS task role (AccessKeyId, SecretAccessKey,
 * Token, Expiration, RoleArn, AccountId). Errors are JSON too; the access log names the role,
 * never the token or the secret. Each request is a call of the core's invoker, recorded as AWS
 * records an ECS task role's credentials: sts:AssumeRole by the AWS service ecs-tasks.amazonaws.com,
 * authorized by the role's trust policy.
 */
public final class ContainerCredentialsEndpoint implements FrontDoor {
  /** The path prefix this endpoint serves; every other path is the AWS API's. */
  public static final String PREFIX = "/container-credentials/";
  private static final String JSON = "application/json";
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ErrorCode METHOD_NOT_ALLOWED = new ErrorCode("MethodNotAllowed", 405, true);
  private static final ErrorCode MISSING_TOKEN = new ErrorCode("MissingAuthorizationToken", 401,
      true);
  private static final ErrorCode INVALID_TOKEN = new ErrorCode("InvalidAuthorizationToken", 403,
      true);
  private static final ErrorCode NO_SUCH_ROLE = new ErrorCode("NoSuchRole", 404, true);
  private static final ErrorCode FAILURE = new ErrorCode("ServiceFailure", 500, false);
  private final Set<String> roles;
  private final ContainerToken token;
  private final String accountId;
  private final VendedSessions vended;
  private final Invoker invoker;
  private final RequestFactsSource facts;
  private final Operation assumeRole;

  /**
   * @param assumeRole the STS model's AssumeRole, which each request's event names
   */
  public ContainerCredentialsEndpoint(List<String> roles, ContainerToken token, String accountId,
      ServiceRoleSessions sessions, Clock clock, Invoker invoker, RequestFactsSource facts,
      Operation assumeRole) {
    this.roles = Set.copyOf(roles);
    this.token = token;
    this.accountId = accountId;
    this.vended = new VendedSessions(accountId, sessions, clock);
    this.invoker = invoker;
    this.facts = facts;
    this.assumeRole = assumeRole;
  }

  /** Whether {@code request} is for this endpoint. */
  @Override
  public boolean serves(RawRequest request) {
    return request.rawPath() != null && request.rawPath().startsWith(PREFIX);
  }

  @Override
  public Answered answer(RawRequest request) {
    String role = roleName(request);
    // Closing the invocation emits the request's one event, refused ones included.
    try (Invocation call = invoker.open(facts.of(request))) {
      call.service("sts");
      call.operation(assumeRole.name(), assumeRole);
      call.account(accountId);
      RawResponse response;
      ServiceRoleSessions.Issued issued = null;
      try {
        issued = vend(request, role, call);
        response = new RawResponse(200, JSON, credentials(issued), call.requestId());
      } catch (AwsException e) {
        response = error(call.fail(e), call.requestId());
      } catch (RuntimeException e) {
        response = error(call.fail(new AwsException(FAILURE,
            "The credentials could not be issued.")), call.requestId());
      }
      String vendedArn = issued == null ? "-" : issued.roleArn();
      String keyId = issued == null ? "-" : issued.credentials().session().accessKeyId();
      return new Answered(response, "container-credentials", role, "role=" + vendedArn
          + " key=" + keyId);
    }
  }

  /** Checks the request and the token, then has the invoker vend the role's session. */
  private ServiceRoleSessions.Issued vend(RawRequest request, String role, Invocation call) {
    if (!request.method().equals("GET")) {
      throw new AwsException(METHOD_NOT_ALLOWED, "Use GET to read container credentials.");
    }
    String presented = request.header("authorization");
    if (presented == null) {
      throw new AwsException(MISSING_TOKEN, "The request has no Authorization header: set "
          + "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE to the server's token file.");
    }
    if (!token.matches(presented.trim())) {
      throw new AwsException(INVALID_TOKEN,
          "The Authorization header does not hold this server's container token.");
    }
    if (!roles.contains(role)) {
      throw new AwsException(NO_SUCH_ROLE, "This server does not vend credentials for the role "
          + ClientText.sanitize(role) + ": start it with --container-credentials-role NAME.");
    }
    Caller.AwsService ecs = new Caller.AwsService(VendedSessions.SERVICE_PRINCIPAL, accountId,
        new Caller.Request(request.remoteAddress(), request.secure(), call.time(), null));
    // The role's path is known only once it is found; its ARN as asked names it by name.
    Struct input = Struct.of("RoleArn", Arn.of(accountId, "role", "/", role));
    ServiceRoleSessions.Issued[] issued = new ServiceRoleSessions.Issued[1];
    call.invokeAsService(ecs, assumeRole, input, (caller, in) -> {
      issued[0] = issued(role);
      StsSession s = issued[0].credentials().session();
      return Struct.of("Credentials", issued[0].credentials().toWire(), "AssumedRoleUser",
          Struct.of("Arn", s.principalArn(), "AssumedRoleId", s.userId()));
    });
    return issued[0];
  }

  /** The role's session, or AccessDenied or NoSuchEntity: the trust check is the authorization. */
  private ServiceRoleSessions.Issued issued(String role) {
    ServiceRoleSessions.Outcome outcome = vended.credentials(role);
    if (outcome instanceof ServiceRoleSessions.Issued issued) {
      return issued;
    }
    if (outcome instanceof ServiceRoleSessions.NoSuchRole) {
      throw new AwsException(ErrorCode.NO_SUCH_ENTITY, "The role with name "
          + ClientText.sanitize(role) + " cannot be found.");
    }
    ServiceRoleSessions.NotTrusted refused = (ServiceRoleSessions.NotTrusted) outcome;
    throw new AwsException(ErrorCode.ACCESS_DENIED, "The trust policy of " + refused.roleArn()
        + " does not allow " + refused.servicePrincipal() + " to perform sts:AssumeRole;"
        + " a container role must trust the ECS tasks service principal.");
  }

  /** The role named by the path; a malformed escape leaves the name as sent, matching none. */
  private static String roleName(RawRequest request) {
    String raw = request.rawPath().substring(PREFIX.length());
    try {
      return UriEncoding.decode(raw, false);
    } catch (RuntimeException e) {
      return raw;
    }
  }

  /** The ECS credentials JSON of a vended session. */
  private static byte[] credentials(ServiceRoleSessions.Issued issued) {
    IssuedCredentials c = issued.credentials();
    StsSession s = c.session();
    return json(g -> {
      g.writeStringField("AccessKeyId", s.accessKeyId());
      g.writeStringField("SecretAccessKey", c.secretAccessKey());
      g.writeStringField("Token", c.sessionToken());
      // Whole seconds, rounded down: never later than the session really expires.
      g.writeStringField("Expiration", DateTimeFormatter.ISO_INSTANT.format(
          s.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
      g.writeStringField("RoleArn", issued.roleArn());
      g.writeStringField("AccountId", s.accountId());
    });
  }

  private static RawResponse error(AwsException e, String requestId) {
    return new RawResponse(e.code().httpStatus(), JSON, json(g -> {
      g.writeStringField("Code", e.code().code());
      g.writeStringField("Message", e.getMessage());
    }), requestId);
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
