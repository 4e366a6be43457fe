package dev.portcullis.server;

import dev.portcullis.protocol.UriEncoding;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Turns a {@link CorpusCase} into an HTTP request: signed with the AWS SDK's own SigV4 signer,
 * then broken the way the case's {@code sign} tweak says.
 */
final class CorpusSigner {
  private static final String TRACE_HEADER = "X-Portcullis-Trace";
  private final URI endpoint;
  private final Map<String, AwsCredentialsIdentity> keys;

  /** @param keys signing identities by tweak name; {@code admin} is the default signer */
  CorpusSigner(URI endpoint, Map<String, AwsCredentialsIdentity> keys) {
    this.endpoint = endpoint;
    this.keys = Map.copyOf(keys);
  }

  HttpRequest request(CorpusCase c) {
    String tweak = c.sign();
    boolean presigned = tweak.startsWith("presigned");
    boolean inQuery = presigned || c.method().equals("GET");
    String query = inQuery ? form(c.params()) : "";
    String body = inQuery ? "" : c.rawBody() != null ? c.rawBody() : form(c.params());
    if (c.padTo() > body.length()) {
      body += "&Pad=" + "x".repeat(Math.max(0, c.padTo() - body.length() - 5));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (!body.isEmpty()) {
      headers.put("Content-Type", c.contentType());
    }
    if (tweak.equals("tamper-header")) {
      headers.put(TRACE_HEADER, "signed");
    }
    if (!tweak.equals("none")) {
      SdkHttpRequest signed = sign(c.method(), query, headers, body, tweak);
      query = signed.encodedQueryParameters().orElse("");
      signed.forEachHeader((name, values) -> {
        if (!name.equalsIgnoreCase("host")) {
          headers.put(name, values.get(0));
        }
      });
    }
    query = breakQuery(tweak, query);
    body = tweak.equals("tamper-body") ? body + "&Tampered=1" : body;
    breakHeaders(tweak, headers);
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(
        "/" + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return b.method(c.method(), bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
  }

  private SdkHttpRequest sign(String method, String query, Map<String, String> headers,
      String body, String tweak) {
    boolean unsignedPayload = tweak.equals("unsigned-payload");
    // The signer only leaves a payload unsigned over TLS; the Host it signs is the same.
    URI uri = URI.create((unsignedPayload ? "https" : "http") + "://" + endpoint.getHost() + ":"
        + endpoint.getPort() + "/" + (query.isEmpty() ? "" : "?" + query));
    SdkHttpRequest.Builder request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(request::putHeader);
    Instant at = Instant.now().plus(switch (tweak) {
      case "expired" -> Duration.ofMinutes(-20);
      case "future" -> Duration.ofMinutes(20);
      case "presigned-expired" -> Duration.ofMinutes(-5);
      default -> Duration.ZERO;
    });
    AwsCredentialsIdentity identity = keys.getOrDefault(tweak, keys.get("admin"));
    if (tweak.endsWith("wrong-secret")) {
      identity = AwsCredentialsIdentity.create(identity.accessKeyId(),
          "Wrong/Secret/Key/Of/Forty/Characters/xxx");
    }
    AwsCredentialsIdentity signer = identity;
    return AwsV4HttpSigner.create().sign(r -> {
      r.identity(signer).request(request.build())
          .payload(ContentStreamProvider.fromUtf8String(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME,
              tweak.equals("wrong-service") ? "sts" : "iam")
          .putProperty(AwsV4HttpSigner.REGION_NAME,
              tweak.equals("wrong-region") ? "mars" : "us-east-1")
          .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
      if (unsignedPayload) {
        r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
      }
      if (tweak.startsWith("presigned")) {
        r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(
                tweak.equals("presigned-expired") ? 60 : 300));
      }
    }).request();
  }

  private static String breakQuery(String tweak, String query) {
    return switch (tweak) {
      case "presigned-no-signature" -> query.replaceAll("&?X-Amz-Signature=[^&]*", "");
      case "presigned-expires-too-long" ->
          query.replaceAll("X-Amz-Expires=\\d+", "X-Amz-Expires=604801");
      case "presigned-tampered" -> query + "&Tampered=1";
      default -> query;
    };
  }

  private static void breakHeaders(String tweak, Map<String, String> headers) {
    String auth = headers.get("Authorization");
    switch (tweak) {
      case "tamper-header" -> headers.put(TRACE_HEADER, "tampered");
      case "bad-auth-header" -> headers.put("Authorization", "AWS4-HMAC-SHA256 garbage");
      case "unsupported-algorithm" ->
          headers.put("Authorization", auth.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"));
      case "short-credential" -> headers.put("Authorization",
          auth.replaceFirst("Credential=([^/]+)/[^,]*", "Credential=$1/iam"));
      case "wrong-date-scope" -> headers.put("Authorization", auth.replaceFirst(
          "/(\\d{8})/", "/" + previousDay(headers.get("X-Amz-Date")) + "/"));
      case "wrong-terminator" ->
          headers.put("Authorization", auth.replace("aws4_request", "aws5_request"));
      case "truncated-signature" ->
          headers.put("Authorization", auth.substring(0, auth.length() - 20));
      case "no-date" -> headers.remove("X-Amz-Date");
      case "bad-date" -> headers.put("X-Amz-Date", Instant.now().toString());
      default -> { }
    }
  }

  private static String previousDay(String amzDate) {
    return LocalDate.parse(amzDate.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE)
        .minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  /** Form-encodes parameters as the SDKs do (RFC 3986, so a space is %20). */
  static String form(Map<String, String> params) {
    StringJoiner out = new StringJoiner("&");
    params.forEach((k, v) -> out.add(UriEncoding.encode(k) + "=" + UriEncoding.encode(v)));
    return out.toString();
  }
}
