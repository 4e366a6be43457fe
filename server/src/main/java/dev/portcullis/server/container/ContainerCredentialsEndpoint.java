package dev.portcullis.server.container;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.sts.IssuedCredentials;
import dev.portcullis.iam.sts.ServiceRoleSessions;
import dev.portcullis.protocol.UriEncoding;
import dev.portcullis.server.AccessLog;
import dev.portcullis.server.RequestPipeline;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The container-credentials endpoint the AWS SDKs' default credential chain reads through
 * AWS_CONTAINER_CREDENTIALS_FULL_URI: {@code GET /container-credentials/NAME} with the token in
 * the Authorization header answers the JSON of an ECS task role (AccessKeyId, SecretAccessKey,
 * Token, Expiration, RoleArn, AccountId). Errors are JSON too; the access log names the role,
 * never the token or the secret.
 */
public final class ContainerCredentialsEndpoint {
  /** The path prefix this endpoint serves; every other path is the AWS API's. */
  public static final String PREFIX = "/container-credentials/";
  private static final String JSON = "application/json";
  private static final JsonFactory FACTORY = new JsonFactory();
  private final Set<String> roles;
  private final ContainerToken token;
  private final VendedSessions vended;
  private final Supplier<String> requestIds;
  private final Consumer<String> accessLog;

  public ContainerCredentialsEndpoint(List<String> roles, ContainerToken token, String accountId,
      ServiceRoleSessions sessions, Clock clock, Supplier<String> requestIds,
      Consumer<String> accessLog) {
    this.roles = Set.copyOf(roles);
    this.token = token;
    this.vended = new VendedSessions(accountId, sessions, clock);
    this.requestIds = requestIds;
    this.accessLog = accessLog;
  }

  /** Whether {@code request} is for this endpoint. */
  public static boolean serves(RawRequest request) {
    return request.rawPath() != null && request.rawPath().startsWith(PREFIX);
  }

  public RawResponse handle(RawRequest request) {
    long start = System.nanoTime();
    String requestId = requestIds.get();
    String role = roleName(request);
    String vendedArn = "-";
    String keyId = "-";
    RawResponse response;
    try {
      if (!request.method().equals("GET")) {
        response = error(405, "MethodNotAllowed", "Use GET to read container credentials.",
            requestId);
      } else if (authorization(request) == null) {
        response = error(401, "MissingAuthorizationToken", "The request has no Authorization "
            + "header: set AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE to the server's token file.",
            requestId);
      } else if (!token.matches(authorization(request))) {
        response = error(403, "InvalidAuthorizationToken",
            "The Authorization header does not hold this server's container token.", requestId);
      } else if (!roles.contains(role)) {
        response = error(404, "NoSuchRole", "This server does not vend credentials for the role "
            + RequestPipeline.sanitize(role) + ": start it with --container-credentials-role NAME.", requestId);
      } else {
        ServiceRoleSessions.Outcome outcome = vended.credentials(role);
        if (outcome instanceof ServiceRoleSessions.Issued) {
          ServiceRoleSessions.Issued issued = (ServiceRoleSessions.Issued) outcome;
          vendedArn = issued.roleArn();
          keyId = issued.credentials().session().accessKeyId();
          response = new RawResponse(200, JSON, credentials(issued), requestId);
        } else if (outcome instanceof ServiceRoleSessions.NoSuchRole) {
          response = error(404, "NoSuchEntity", "The role with name " + RequestPipeline.sanitize(role)
              + " cannot be found.", requestId);
        } else {
          ServiceRoleSessions.NotTrusted refused = (ServiceRoleSessions.NotTrusted) outcome;
          response = error(403, "AccessDenied", "The trust policy of " + refused.roleArn()
              + " does not allow " + refused.servicePrincipal() + " to perform sts:AssumeRole;"
              + " a container role must trust the ECS tasks service principal.", requestId);
        }
      }
    } catch (RuntimeException e) {
      response = error(500, "ServiceFailure", "The credentials could not be issued.", requestId);
    }
    accessLog.accept(java.time.Instant.now() + " access " + request.remoteAddress()
        + " container-credentials " + AccessLog.field(role) + " " + response.status()
        + " role=" + vendedArn + " key=" + keyId + " " + (System.nanoTime() - start) / 1000 + "us req="
        + requestId);
    return response;
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

  private static String authorization(RawRequest request) {
    List<String> values = request.headers().get("authorization");
    return values == null || values.isEmpty() ? null : values.get(0).trim();
  }

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

  private static RawResponse error(int status, String code, String message, String requestId) {
    return new RawResponse(status, JSON, json(g -> {
      g.writeStringField("Code", code);
      g.writeStringField("Message", message);
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
