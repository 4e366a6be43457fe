package dev.portcullis.server.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.http.JettyHttpServer;
import dev.portcullis.server.testing.ServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What a client of the AWS JSON protocol gets for a request no SDK would send: an error in
 * the JSON form ({@code __type} and {@code message}, content type application/x-amz-json-1.1,
 * x-amzn-RequestId), never an XML envelope or a 500. Requests are signed with the SDK's signer
 * for the service {@code cloudtrail}.
 */
class JsonProtocolErrorsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void unknownTarget_isUnknownOperationException() throws Exception {
    assertJsonError(send(PREFIX + "DescribeEverything", "{}", true, null),
        400, "UnknownOperationException", "Unknown operation " + PREFIX.substring(0, 50));
    assertJsonError(send("DynamoDB_20120810.GetItem", "{}", true, null),
        400, "UnknownOperationException", "DynamoDB_20120810.GetItem");
  }

  @Test
  void malformedBody_isSerializationException() throws Exception {
    assertJsonError(send(PREFIX + "LookupEvents", "{\"MaxResults\":", true, null), 400,
        "SerializationException", "not valid JSON");
    assertJsonError(send(PREFIX + "LookupEvents", "{\"MaxResults\":\"5\"}", true, null), 400,
        "SerializationException", "Expected an integer at 'maxResults'");
    assertJsonError(send(PREFIX + "LookupEvents", "{\"x\":" + "[".repeat(5000), true, null),
        400, "SerializationException", "nested too deeply");
  }

  @Test
  void constraintViolation_isValidationException() throws Exception {
    assertJsonError(send(PREFIX + "LookupEvents", "{\"MaxResults\":51}", true, null), 400,
        "ValidationException", "1 validation error detected: Value '51' at 'maxResults' "
        + "failed to satisfy constraint: Member must have value less than or equal to 50");
  }

  @Test
  void unsignedOrBadlySigned_isTheJsonProtocolsAuthenticationError() throws Exception {
    assertJsonError(send(PREFIX + "LookupEvents", "{}", false, null), 400,
        "MissingAuthenticationTokenException", "");
    assertJsonError(send(PREFIX + "LookupEvents", "{}", true, "Wrong/Secret/Key/Of/Forty/"
        + "Characters/xxx"), 400, "InvalidSignatureException", "signature");
  }

  @Test
  void operationNotBuilt_withATagWithoutAValue_isNotImplementedRatherThanAFailure()
      throws Exception {
    // CloudTrail's Tag.Value is optional; authorization once failed on it with a 500.
    assertJsonError(send(PREFIX + "CreateChannel", "{\"Name\":\"channel\",\"Source\":\"Custom\","
        + "\"Destinations\":[{\"Type\":\"EVENT_DATA_STORE\",\"Location\":\"store-1\"}],"
        + "\"Tags\":[{\"Key\":\"team\"}]}", true, null), 501, "NotImplemented",
        "Portcullis does not implement cloudtrail:CreateChannel yet.");
  }

  @Test
  void bodyBeyondTheCap_isRequestEntityTooLargeInJson() throws Exception {
    String big = "{\"x\":\"" + "a".repeat(JettyHttpServer.MAX_BODY_BYTES) + "\"}";
    assertJsonError(send(PREFIX + "LookupEvents", big, false, null), 413,
        "RequestEntityTooLargeException", "must not exceed");
  }

  private static HttpResponse<byte[]> send(String target, String body, boolean sign,
      String wrongSecret) throws Exception {
    URI endpoint = SERVER.endpoint().resolve("/");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-amz-json-1.1");
    headers.put("X-Amz-Target", target);
    if (sign) {
      SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
          .uri(endpoint);
      headers.forEach(request::putHeader);
      AwsCredentialsIdentity admin = AwsCredentialsIdentity.create(
          SERVER.adminCredentials().accessKeyId(), wrongSecret != null ? wrongSecret
              : SERVER.adminCredentials().secretAccessKey());
      SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(admin)
          .request(request.build()).payload(ContentStreamProvider.fromUtf8String(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
      signed.forEachHeader((name, values) -> {
        if (!name.equalsIgnoreCase("host")) {
          headers.put(name, values.get(0));
        }
      });
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertJsonError(HttpResponse<byte[]> r, int status, String type,
      String messagePart) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/x-amz-json-1.1"));
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo(type);
    assertThat(body.path("message").asText()).contains(messagePart);
  }
}
