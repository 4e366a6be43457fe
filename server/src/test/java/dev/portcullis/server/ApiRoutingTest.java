package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.http.RawRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route stage: which action a request names, as the access log writes it. */
class ApiRoutingTest {
  private static final String LOOKUP_EVENTS =
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
  private final ApiRouting routing = new ApiRouting(List.of());

  @Test
  void read_whenAJsonRequestCarriesAnActionInItsQueryOrBody_namesTheTargetsOperation() {
    // No Content-Type: the body would once have been read as a form, and its Action logged.
    ApiRouting.ApiRequest inBody = routing.read(request("Action=DeleteUser",
        "{\"NextToken\":\"&Action=DeleteUser&Version=2010-05-08&\"}",
        Map.of("x-amz-target", List.of(LOOKUP_EVENTS))));
    ApiRouting.ApiRequest inQuery = routing.read(request("Action=DeleteUser", "{}",
        Map.of("x-amz-target", List.of(LOOKUP_EVENTS),
            "content-type", List.of("application/x-amz-json-1.1"))));

    assertThat(inBody.action()).isEqualTo("LookupEvents");
    assertThat(inBody.params()).doesNotContainKey("Version");
    assertThat(inQuery.action()).isEqualTo("LookupEvents");
  }

  @Test
  void read_whenAQueryRequestNamesItsAction_takesItFromTheFormOrQuery() {
    assertThat(routing.read(request(null, "Action=GetUser&Version=2010-05-08", Map.of()))
        .action()).isEqualTo("GetUser");
    assertThat(routing.read(request("Action=ListUsers", "", Map.of())).action())
        .isEqualTo("ListUsers");
  }

  private static RawRequest request(String query, String body,
      Map<String, List<String>> headers) {
    return new RawRequest("POST", "/", query, headers, body.getBytes(StandardCharsets.UTF_8),
        "127.0.0.1", false, null);
  }
}
