package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.server.testing.ServerExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The bad-input corpus ({@code bad-input-corpus.json}): every malformed, unauthenticated or
 * impossible request is answered with the right AWS error code, a 4xx status and an AWS
 * {@code ErrorResponse} envelope. Requests are built by hand and signed with the SDK's signer,
 * so that the corpus can break what an SDK client never would.
 */
class BadInputCorpusTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();
  private static final String NS_IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
  private static final String NS_STS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Map<String, String> FIXTURES = new HashMap<>();
  private static final Map<String, AwsCredentialsIdentity> KEYS = new HashMap<>();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Users the cases refer to: {@code corpus-ana} (exists), {@code corpus-keyholder} (two keys,
   * one of them inactive) and a key that was deleted.
   */
  @BeforeAll
  static void createFixtures() {
    KEYS.put("admin", AwsCredentialsIdentity.create(SERVER.adminCredentials().accessKeyId(),
        SERVER.adminCredentials().secretAccessKey()));
    try (IamClient iam = SERVER.adminIam()) {
      iam.createUser(b -> b.userName("corpus-ana"));
      iam.createUser(b -> b.userName("corpus-keyholder"));
      AccessKey active = iam.createAccessKey(b -> b.userName("corpus-keyholder")).accessKey();
      AccessKey inactive = iam.createAccessKey(b -> b.userName("corpus-keyholder")).accessKey();
      iam.updateAccessKey(b -> b.userName("corpus-keyholder")
          .accessKeyId(inactive.accessKeyId()).status(StatusType.INACTIVE));
      iam.createUser(b -> b.userName("corpus-former"));
      AccessKey deleted = iam.createAccessKey(b -> b.userName("corpus-former")).accessKey();
      iam.deleteAccessKey(b -> b.userName("corpus-former").accessKeyId(deleted.accessKeyId()));
      KEYS.put("inactive-key", identity(inactive));
      KEYS.put("deleted-key", identity(deleted));
      KEYS.put("unknown-key", AwsCredentialsIdentity.create("AKIAZZZZZZZZZZZZZZZZ",
          "Unknown/Secret/Key/Of/Forty/Characters/x"));
      FIXTURES.put("keyholder-key", active.accessKeyId());
      FIXTURES.put("inactive-key", inactive.accessKeyId());
      FIXTURES.put("deleted-key", deleted.accessKeyId());
      FIXTURES.put("account-id", SERVER.accountId());
    }
  }

  @TestFactory
  Stream<DynamicTest> corpus_everyCase_isAnsweredWithItsAwsErrorAndA4xx() throws IOException {
    CorpusSigner signer = new CorpusSigner(SERVER.endpoint(), KEYS);
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      HttpResponse<byte[]> response = HTTP.send(signer.request(c),
          HttpResponse.BodyHandlers.ofByteArray());

      String body = new String(response.body(), StandardCharsets.UTF_8);
      String needs = c.needs() == null ? "" : " (needs the " + c.needs() + " family)";
      assertThat(response.statusCode()).as("status of %s%s: %s", c.name(), needs, body)
          .isEqualTo(c.status()).isBetween(400, 499);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/xml"));
      Element error = errorEnvelope(response.body(), response.headers()
          .firstValue("x-amzn-RequestId").orElse(null));
      assertThat(text(error, "Code")).as("code of %s: %s", c.name(), body).isEqualTo(c.code());
      assertThat(text(error, "Type")).isEqualTo("Sender");
      assertThat(text(error, "Message")).isNotBlank();
      if (c.messageContains() != null) {
        assertThat(text(error, "Message")).contains(c.messageContains());
      }
    }));
  }

  static List<CorpusCase> cases() throws IOException {
    try (InputStream in = BadInputCorpusTest.class.getResourceAsStream(
        "/bad-input-corpus.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<CorpusCase> out = new ArrayList<>();
      root.path("cases").forEach(n -> out.add(CorpusCase.from(n, name -> {
        String v = FIXTURES.get(name);
        if (v == null) {
          throw new IllegalArgumentException("unknown fixture {{" + name + "}}");
        }
        return v;
      })));
      return out;
    }
  }

  /** Checks the AWS Query error envelope and returns its {@code Error} element. */
  private static Element errorEnvelope(byte[] body, String requestIdHeader) throws Exception {
    Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(body));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("ErrorResponse");
    assertThat(root.getAttribute("xmlns")).isIn(NS_IAM, NS_STS);
    Element error = (Element) root.getElementsByTagName("Error").item(0);
    assertThat(error).as("Error element").isNotNull();
    assertThat(text(root, "RequestId")).isNotBlank().isEqualTo(requestIdHeader);
    return error;
  }

  private static String text(Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static AwsCredentialsIdentity identity(AccessKey key) {
    return AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey());
  }
}
