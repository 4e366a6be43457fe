package dev.portcullis.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.AwsCli;
import dev.portcullis.server.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session with the real AWS CLI read back from the server's own trail with {@code aws
 * cloudtrail lookup-events}: the administrator creates a user, the user's call is denied, the
 * user assumes a role and calls with the role's credentials; each call is found by EventName,
 * by Username and by AccessKeyId, with the userIdentity CloudTrail gives it.
 */
class AwsCliAuditTrailTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "trail-user";
  private static final String ROLE = "trail-deployer";
  private static final String SESSION = "trail-session";
  private static AwsCli admin;
  private static String adminKey;
  private static String userKey;
  private static String sessionKey;
  private static String account;

  /** The session the tests read back: every call below is made once, before any lookup. */
  @BeforeAll
  static void session() throws Exception {
    Path credentials = SERVER.dataDir().resolve("cli-credentials");
    Files.copy(SERVER.dataDir().resolve("credentials"), credentials,
        StandardCopyOption.REPLACE_EXISTING);
    admin = new AwsCli(SERVER.endpoint().toString(), credentials, "portcullis");
    adminKey = SERVER.adminCredentials().accessKeyId();
    account = SERVER.accountId();

    ok(admin, "iam", "create-user", "--user-name", USER);
    JsonNode key = ok(admin, "iam", "create-access-key", "--user-name", USER).path("AccessKey");
    userKey = key.path("AccessKeyId").asText();
    AwsCli user = admin.withProfile(USER, userKey, key.path("SecretAccessKey").asText(), null);

    AwsCli.Result denied = user.run("iam", "list-users");
    assertThat(denied.ok()).isFalse();
    assertThat(denied.stderr()).contains("(AccessDenied)");

    ok(admin, "iam", "create-role", "--role-name", ROLE, "--assume-role-policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
        + "\"AWS\":\"arn:aws:iam::" + account + ":user/" + USER + "\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}");
    ok(admin, "iam", "attach-role-policy", "--role-name", ROLE, "--policy-arn",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
    JsonNode creds = ok(user, "sts", "assume-role", "--role-arn", roleArn(),
        "--role-session-name", SESSION).path("Credentials");
    sessionKey = creds.path("AccessKeyId").asText();
    assertThat(sessionKey).startsWith("ASIA");
    AwsCli role = admin.withProfile(SESSION, sessionKey,
        creds.path("SecretAccessKey").asText(), creds.path("SessionToken").asText());
    ok(role, "iam", "get-role", "--role-name", ROLE);
  }

  @Test
  void lookupEvents_findsTheAdministratorsCreateUser_asAnIamUsersCall() throws Exception {
    Predicate<JsonNode> createUser = r -> r.path("eventName").asText().equals("CreateUser")
        && r.path("requestParameters").path("userName").asText().equals(USER);

    for (JsonNode found : findByEachAttribute("CreateUser", "admin", adminKey, createUser)) {
      JsonNode who = record(found).path("userIdentity");
      assertThat(who.path("type").asText()).isEqualTo("IAMUser");
      assertThat(who.path("userName").asText()).isEqualTo("admin");
      assertThat(who.path("arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/admin");
      assertThat(who.path("accessKeyId").asText()).isEqualTo(adminKey);
      assertThat(record(found).path("readOnly").asBoolean()).isFalse();
      assertThat(found.path("Resources").findValuesAsText("ResourceName")).contains(USER);
    }
  }

  @Test
  void lookupEvents_findsTheUsersDeniedCall_withItsErrorCodeAndMessage() throws Exception {
    Predicate<JsonNode> denied = r -> r.path("eventName").asText().equals("ListUsers")
        && r.path("userIdentity").path("userName").asText().equals(USER);

    for (JsonNode found : findByEachAttribute("ListUsers", USER, userKey, denied)) {
      JsonNode record = record(found);
      assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
      assertThat(record.path("userIdentity").path("accessKeyId").asText()).isEqualTo(userKey);
      assertThat(record.path("errorCode").asText()).isEqualTo("AccessDenied");
      assertThat(record.path("errorMessage").asText()).startsWith("User: arn:aws:iam::"
          + account + ":user/" + USER + " is not authorized to perform: iam:ListUsers");
      assertThat(record.path("responseElements").isNull()).isTrue();
    }
  }

  @Test
  void lookupEvents_findsTheAssumeRole_withTheIssuedKeyButNoSecret() throws Exception {
    Predicate<JsonNode> assumeRole = r -> r.path("eventName").asText().equals("AssumeRole")
        && r.path("requestParameters").path("roleSessionName").asText().equals(SESSION);

    for (JsonNode found : findByEachAttribute("AssumeRole", USER, userKey, assumeRole)) {
      JsonNode record = record(found);
      assertThat(record.path("eventSource").asText()).isEqualTo("sts.amazonaws.com");
      assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
      assertThat(record.path("requestParameters").path("roleArn").asText())
          .isEqualTo(roleArn());
      JsonNode issued = record.path("responseElements").path("credentials");
      assertThat(issued.path("accessKeyId").asText()).isEqualTo(sessionKey);
      assertThat(issued.has("secretAccessKey")).isFalse();
      assertThat(issued.has("sessionToken")).isFalse();
      assertThat(record.path("responseElements").path("assumedRoleUser").path("arn").asText())
          .isEqualTo(sessionArn());
    }
  }

  @Test
  void lookupEvents_findsTheRoleSessionsCall_asAnAssumedRoleIssuedByTheRole() throws Exception {
    Predicate<JsonNode> getRole = r -> r.path("eventName").asText().equals("GetRole")
        && r.path("userIdentity").path("accessKeyId").asText().equals(sessionKey);

    for (JsonNode found : findByEachAttribute("GetRole", SESSION, sessionKey, getRole)) {
      assertThat(found.path("Username").asText()).isEqualTo(SESSION);
      JsonNode who = record(found).path("userIdentity");
      assertThat(who.path("type").asText()).isEqualTo("AssumedRole");
      assertThat(who.path("arn").asText()).isEqualTo(sessionArn());
      assertThat(who.path("accountId").asText()).isEqualTo(account);
      assertThat(who.path("principalId").asText()).startsWith("AROA").endsWith(":" + SESSION);
      JsonNode issuer = who.path("sessionContext").path("sessionIssuer");
      assertThat(issuer.path("type").asText()).isEqualTo("Role");
      assertThat(issuer.path("arn").asText()).isEqualTo(roleArn());
      assertThat(issuer.path("userName").asText()).isEqualTo(ROLE);
      assertThat(issuer.path("accountId").asText()).isEqualTo(account);
      assertThat(who.path("principalId").asText())
          .startsWith(issuer.path("principalId").asText() + ":");
      JsonNode attributes = who.path("sessionContext").path("attributes");
      assertThat(attributes.path("mfaAuthenticated").asText()).isEqualTo("false");
      assertThat(attributes.path("creationDate").asText()).isNotEmpty();
    }
  }

  /**
   * The event {@code wanted} names, looked up three ways (EventName, Username, AccessKeyId);
   * each lookup must find it and report the three as its own. Events of read-only and refused
   * calls are written in batches (every 100 ms), so each lookup is tried for a few seconds.
   */
  private static List<JsonNode> findByEachAttribute(String eventName, String username,
      String accessKeyId, Predicate<JsonNode> wanted) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (String attribute : List.of("EventName,AttributeValue=" + eventName,
        "Username,AttributeValue=" + username, "AccessKeyId,AttributeValue=" + accessKeyId)) {
      JsonNode event = lookUp(attribute, wanted);
      assertThat(event).as("lookup-events by %s found no such event", attribute).isNotNull();
      assertThat(event.path("EventName").asText()).isEqualTo(eventName);
      assertThat(event.path("Username").asText()).isEqualTo(username);
      assertThat(event.path("AccessKeyId").asText()).isEqualTo(accessKeyId);
      assertThat(event.path("EventId").asText()).isEqualTo(record(event).path("eventID").asText());
      found.add(event);
    }
    assertThat(found).extracting(e -> e.path("EventId").asText()).as("one event, three ways")
        .containsOnly(found.get(0).path("EventId").asText());
    return found;
  }

  private static JsonNode lookUp(String attribute, Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    do {
      JsonNode page = ok(admin, "cloudtrail", "lookup-events", "--lookup-attributes",
          "AttributeKey=" + attribute);
      JsonNode match = null;
      for (JsonNode event : page.path("Events")) {
        if (wanted.test(record(event))) {
          assertThat(match).as("a second event matches: %s", event).isNull();
          match = event;
        }
      }
      if (match != null) {
        return match;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return null;
  }

  private static JsonNode record(JsonNode lookedUp) throws Exception {
    return JSON.readTree(lookedUp.path("CloudTrailEvent").asText());
  }

  private static String roleArn() {
    return "arn:aws:iam::" + account + ":role/" + ROLE;
  }

  private static String sessionArn() {
    return "arn:aws:sts::" + account + ":assumed-role/" + ROLE + "/" + SESSION;
  }

  private static JsonNode ok(AwsCli cli, String... args) throws Exception {
    AwsCli.Result r = cli.run(args);
    assertThat(r.ok()).as("aws %s failed: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }
}
