package dev.portcullis.server.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.domain.AuditEvent;
import dev.portcullis.server.EdgeConfig;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerConfig;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code aws cloudtrail lookup-events} as a user of the real AWS CLI runs it: the AWS JSON
 * protocol end to end (X-Amz-Target, SigV4 for service cloudtrail, JSON errors), with the trail
 * read from a list (the seam of {@link PortcullisServer#start(ServerConfig, EdgeConfig,
 * java.util.function.Function, java.util.function.Function)}), so that it holds exactly the
 * events each test expects; e2e.AwsCliAuditTrailTest reads the store's own trail.
 */
class AwsCliLookupEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ListedTrail TRAIL = new ListedTrail();
  private static Path dataDir;
  private static PortcullisServer server;
  private static Path credentials;
  private static AwsCli admin;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("portcullis-cloudtrail");
    server = PortcullisServer.start(ServerConfig.local(dataDir, 0), EdgeConfig.defaults(),
        store -> dev.portcullis.iam.audit.AuditTrail.NONE, store -> TRAIL);
    credentials = dataDir.resolve("cli-credentials");
    Files.copy(dataDir.resolve("credentials"), credentials, StandardCopyOption.REPLACE_EXISTING);
    admin = new AwsCli(endpoint(), credentials, "portcullis");
    String account = server.accountId();
    TRAIL.add(event("e-1", "2026-12-01T10:00:00Z", account, "CreateUser", "admin", false,
        "AKIAADMIN0000000000A", "alice"));
    TRAIL.add(event("e-2", "2026-12-02T10:00:00Z", account, "GetUser", "alice", true,
        "AKIAALICE0000000000A", "alice"));
    TRAIL.add(event("e-3", "2026-12-03T10:00:00Z", account, "ListUsers", "bob", true,
        "AKIABOB00000000000AA", null));
    TRAIL.add(event("e-other", "2026-12-03T11:00:00Z", "999999999999", "ListUsers", "eve",
        true, "AKIAEVE00000000000AA", null));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    ServerExtension.deleteTree(dataDir);
  }

  @Test
  void lookupEvents_withoutAttributes_listsTheAccountsEventsNewestFirst() throws Exception {
    JsonNode out = ok(admin, "cloudtrail", "lookup-events");

    assertThat(ids(out)).containsExactly("e-3", "e-2", "e-1");
    JsonNode newest = out.path("Events").get(0);
    assertThat(newest.path("EventName").asText()).isEqualTo("ListUsers");
    assertThat(newest.path("ReadOnly").asText()).isEqualTo("true");
    assertThat(newest.path("Username").asText()).isEqualTo("bob");
    assertThat(newest.path("AccessKeyId").asText()).isEqualTo("AKIABOB00000000000AA");
    assertThat(newest.path("EventSource").asText()).isEqualTo("iam.amazonaws.com");
    // The CLI (v1, no cli_timestamp_format) prints the JSON protocol's epoch seconds as sent.
    assertThat(newest.path("EventTime").asDouble())
        .isEqualTo(Instant.parse("2026-12-03T10:00:00Z").getEpochSecond());
    assertThat(JSON.readTree(newest.path("CloudTrailEvent").asText()).path("eventID").asText())
        .isEqualTo("e-3");
    assertThat(out.path("Events").get(2).path("Resources").get(0).path("ResourceName")
        .asText()).isEqualTo("alice");
  }

  @Test
  void lookupEvents_withOneAttribute_keepsTheMatchingEvents() throws Exception {
    assertThat(ids(ok(admin, "cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=Username,AttributeValue=alice"))).containsExactly("e-2");
    assertThat(ids(ok(admin, "cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=ResourceName,AttributeValue=alice"))).containsExactly("e-2", "e-1");
    assertThat(ids(ok(admin, "cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=ReadOnly,AttributeValue=false"))).containsExactly("e-1");
    assertThat(ids(ok(admin, "cloudtrail", "lookup-events", "--start-time",
        "2026-12-02T00:00:00Z", "--end-time", "2026-12-02T23:00:00Z")))
        .containsExactly("e-2");
  }

  @Test
  void lookupEvents_withTwoAttributes_isInvalidLookupAttributes() throws Exception {
    AwsCli.Result r = admin.run("cloudtrail", "lookup-events", "--lookup-attributes",
        "AttributeKey=Username,AttributeValue=alice",
        "AttributeKey=EventName,AttributeValue=GetUser");

    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).contains("(InvalidLookupAttributesException)")
        .contains("more than one lookup attribute");
  }

  @Test
  void lookupEvents_withStartAfterEnd_isInvalidTimeRange() throws Exception {
    AwsCli.Result r = admin.run("cloudtrail", "lookup-events", "--start-time",
        "2026-12-03T00:00:00Z", "--end-time", "2026-12-01T00:00:00Z");

    assertThat(r.stderr()).contains("(InvalidTimeRangeException)");
  }

  @Test
  void lookupEvents_withMaxResultsOne_pagesWithNextToken() throws Exception {
    JsonNode first = ok(admin, "cloudtrail", "lookup-events", "--max-results", "1",
        "--no-paginate");
    assertThat(ids(first)).containsExactly("e-3");
    String token = first.path("NextToken").asText();
    assertThat(token).isNotEmpty();

    JsonNode second = ok(admin, "cloudtrail", "lookup-events", "--max-results", "1",
        "--no-paginate", "--next-token", token);
    assertThat(ids(second)).containsExactly("e-2");

    AwsCli.Result otherParameters = admin.run("cloudtrail", "lookup-events", "--max-results",
        "1", "--no-paginate", "--next-token", token, "--lookup-attributes",
        "AttributeKey=Username,AttributeValue=alice");
    assertThat(otherParameters.stderr()).contains("(InvalidNextTokenException)");
  }

  @Test
  void lookupEvents_cliPaging_followsEveryPage() throws Exception {
    assertThat(ids(ok(admin, "cloudtrail", "lookup-events", "--page-size", "1")))
        .containsExactly("e-3", "e-2", "e-1");
    JsonNode firstTwo = ok(admin, "cloudtrail", "lookup-events", "--page-size", "1",
        "--max-items", "2");
    assertThat(ids(firstTwo)).containsExactly("e-3", "e-2");
    assertThat(ids(ok(admin, "cloudtrail", "lookup-events", "--page-size", "1",
        "--starting-token", firstTwo.path("NextToken").asText()))).containsExactly("e-1");
  }

  @Test
  void lookupEvents_withoutPermission_isAccessDeniedInTheJsonForm() throws Exception {
    AwsCli nobody = userProfile("ct-nobody");

    AwsCli.Result r = nobody.run("cloudtrail", "lookup-events");

    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).contains("(AccessDeniedException)")
        .contains("User: arn:aws:iam::" + server.accountId() + ":user/ct-nobody is not "
            + "authorized to perform: cloudtrail:LookupEvents");

    ok(admin, "iam", "put-user-policy", "--user-name", "ct-nobody", "--policy-name", "trail",
        "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"cloudtrail:LookupEvents\",\"Resource\":\"*\"}]}");
    assertThat(ids(ok(nobody, "cloudtrail", "lookup-events"))).hasSize(3);
  }

  @Test
  void listPublicKeys_withoutPermission_isAccessDeniedUntilAPolicyAllowsIt() throws Exception {
    AwsCli nobody = userProfile("ct-keys");

    AwsCli.Result r = nobody.run("cloudtrail", "list-public-keys");

    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).contains("(AccessDeniedException)")
        .contains("User: arn:aws:iam::" + server.accountId() + ":user/ct-keys is not "
            + "authorized to perform: cloudtrail:ListPublicKeys");

    ok(admin, "iam", "put-user-policy", "--user-name", "ct-keys", "--policy-name", "keys",
        "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"cloudtrail:ListPublicKeys\",\"Resource\":\"*\"}]}");
    assertThat(ok(nobody, "cloudtrail", "list-public-keys").has("PublicKeyList")).isTrue();
  }

  @Test
  void lookupEvents_withGetSessionTokenCredentials_isLeftToThePolicies() throws Exception {
    // AWS keeps GetSessionToken credentials (without MFA) from IAM and most of STS only.
    AwsCli reader = userProfile("ct-session");
    ok(admin, "iam", "put-user-policy", "--user-name", "ct-session", "--policy-name", "trail",
        "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"cloudtrail:LookupEvents\",\"Resource\":\"*\"}]}");
    JsonNode session = ok(reader, "sts", "get-session-token").path("Credentials");
    Files.writeString(credentials, "\n[ct-session-token]\naws_access_key_id = "
        + session.path("AccessKeyId").asText() + "\naws_secret_access_key = "
        + session.path("SecretAccessKey").asText() + "\naws_session_token = "
        + session.path("SessionToken").asText() + "\n", StandardOpenOption.APPEND);
    AwsCli temporary = new AwsCli(endpoint(), credentials, "ct-session-token");

    assertThat(ids(ok(temporary, "cloudtrail", "lookup-events"))).hasSize(3);
    assertThat(temporary.run("iam", "list-users").stderr())
        .contains("credentials from GetSessionToken without MFA cannot call it");
  }

  @Test
  void otherOperations_answerNotImplemented() throws Exception {
    AwsCli.Result r = admin.run("cloudtrail", "describe-trails");

    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).contains("(NotImplemented)")
        .contains("Portcullis does not implement cloudtrail:DescribeTrails yet.");
  }

  private static AuditEvent event(String id, String time, String account, String name,
      String user, boolean readOnly, String keyId, String resource) {
    String record = "{\"eventVersion\":\"1.11\",\"eventID\":\"" + id + "\",\"eventName\":\""
        + name + "\"}";
    return new AuditEvent(id, Instant.parse(time), account, "iam.amazonaws.com", name, user,
        "arn:aws:iam::" + account + ":user/" + user, keyId, readOnly, null, "127.0.0.1",
        resource == null ? List.of() : List.of(new AuditEvent.Resource("AWS::IAM::User",
            resource)), record);
  }

  private static List<String> ids(JsonNode out) {
    List<String> ids = new ArrayList<>();
    out.path("Events").forEach(e -> ids.add(e.path("EventId").asText()));
    return ids;
  }

  private static String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  private static AwsCli userProfile(String userName) throws Exception {
    ok(admin, "iam", "create-user", "--user-name", userName);
    JsonNode key = ok(admin, "iam", "create-access-key", "--user-name", userName)
        .path("AccessKey");
    Files.writeString(credentials, "\n[" + userName + "]\naws_access_key_id = "
        + key.path("AccessKeyId").asText() + "\naws_secret_access_key = "
        + key.path("SecretAccessKey").asText() + "\n", StandardOpenOption.APPEND);
    return new AwsCli(endpoint(), credentials, userName);
  }

  private static JsonNode ok(AwsCli cli, String... args) throws Exception {
    AwsCli.Result r = cli.run(args);
    assertThat(r.ok()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }
}
