package dev.portcullis.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class XmlEncoderTest {
  private static final ServiceModel IAM = ServiceModel.bundled("iam");
  private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  private final XmlEncoder encoder = new XmlEncoder(IAM, Set.of("policyDocumentType"));

  @Test
  void response_wrapsTheResultAndRequestIdInAwsEnvelope() {
    Struct user = Struct.of("Path", "/", "UserName", "ana", "UserId", "AIDAEXAMPLE1234567890",
        "Arn", "arn:aws:iam::123456789012:user/ana",
        "CreateDate", Instant.parse("2015-08-30T12:36:00.789Z"));

    String xml = encoder.response(op("CreateUser"), Struct.of("User", user), "req-1");

    assertThat(xml).isEqualTo("<CreateUserResponse xmlns=\"" + NS + "\"><CreateUserResult>"
        + "<User><Path>/</Path><UserName>ana</UserName><UserId>AIDAEXAMPLE1234567890</UserId>"
        + "<Arn>arn:aws:iam::123456789012:user/ana</Arn>"
        + "<CreateDate>2015-08-30T12:36:00Z</CreateDate></User></CreateUserResult>"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
        + "</CreateUserResponse>");
    assertWellFormed(xml);
  }

  @Test
  void response_withoutOutputShape_hasOnlyMetadata() {
    String xml = encoder.response(op("DeleteUser"), Struct.empty(), "req-2");

    assertThat(xml).isEqualTo("<DeleteUserResponse xmlns=\"" + NS + "\"><ResponseMetadata>"
        + "<RequestId>req-2</RequestId></ResponseMetadata></DeleteUserResponse>");
  }

  @Test
  void response_writesMembersInModelOrderWhateverTheStructOrder() {
    Struct out = Struct.of("Marker", "m1", "IsTruncated", true, "Users", List.of());

    String xml = encoder.response(op("ListUsers"), out, "r");

    assertThat(xml).contains("<ListUsersResult><Users></Users><IsTruncated>true</IsTruncated>"
        + "<Marker>m1</Marker></ListUsersResult>");
  }

  @Test
  void response_listsAreMemberElements() {
    Struct out = Struct.of("Tags", List.of(Struct.of("Key", "team", "Value", "red"),
        Struct.of("Key", "env", "Value", "prod")), "IsTruncated", false);

    String xml = encoder.response(op("ListUserTags"), out, "r");

    assertThat(xml).contains("<Tags><member><Key>team</Key><Value>red</Value></member>"
        + "<member><Key>env</Key><Value>prod</Value></member></Tags>"
        + "<IsTruncated>false</IsTruncated>");
  }

  @Test
  void response_mapsAreEntryKeyValueElements() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("Users", 3);
    summary.put("UsersQuota", 5000);

    String xml = encoder.response(op("GetAccountSummary"), Struct.of("SummaryMap", summary), "r");

    assertThat(xml).contains("<SummaryMap><entry><key>Users</key><value>3</value></entry>"
        + "<entry><key>UsersQuota</key><value>5000</value></entry></SummaryMap>");
  }

  @Test
  void response_escapesXmlSpecialCharacters() {
    Struct out = Struct.of("Tags", List.of(Struct.of("Key", "a<b", "Value", "x & \"y\" > 'z'")));

    String xml = encoder.response(op("ListUserTags"), out, "r");

    assertThat(xml).contains("<Key>a&lt;b</Key><Value>x &amp; &quot;y&quot; &gt; &apos;z&apos;"
        + "</Value>");
    assertWellFormed(xml);
  }

  @Test
  void response_urlEncodesPolicyDocuments() {
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    String xml = encoder.response(op("GetUserPolicy"), Struct.of("UserName", "ana",
        "PolicyName", "p", "PolicyDocument", doc), "r");

    assertThat(xml).contains("<PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C"
        + "%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A%2A%22"
        + "%2C%22Resource%22%3A%22%2A%22%7D%5D%7D</PolicyDocument>");
    String encoded = xml.replaceAll(".*<PolicyDocument>(.*)</PolicyDocument>.*", "$1");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(doc);
  }

  @Test
  void timestamp_isIsoInstantInUtcToTheSecond() {
    assertThat(XmlEncoder.timestamp(Instant.parse("2024-02-29T23:59:59.999Z")))
        .isEqualTo("2024-02-29T23:59:59Z");
  }

  @Test
  void error_isAwsErrorResponseEnvelope() {
    String xml = encoder.error(new AwsException(ErrorCode.NO_SUCH_ENTITY,
        "The user with name bob cannot be found."), "req-3");

    assertThat(xml).isEqualTo("<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
        + "<Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message>"
        + "</Error><RequestId>req-3</RequestId></ErrorResponse>");
    assertWellFormed(xml);
  }

  @Test
  void error_ofServerFault_isReceiverType() {
    String xml = encoder.error(new AwsException(ErrorCode.SERVICE_FAILURE, "boom"), "r");

    assertThat(xml).contains("<Type>Receiver</Type><Code>ServiceFailure</Code>");
  }

  @Test
  void error_escapesTheMessage() {
    String xml = encoder.error(new AwsException(ErrorCode.VALIDATION_ERROR,
        "Value '<a&b>' at 'userName'"), "r");

    assertThat(xml).contains("<Message>Value &apos;&lt;a&amp;b&gt;&apos; at &apos;userName&apos;"
        + "</Message>");
    assertWellFormed(xml);
  }

  @Test
  void error_withControlCharactersInEchoedValue_staysWellFormedXml() {
    String xml = encoder.error(new AwsException(ErrorCode.VALIDATION_ERROR,
        "Value 'a\u0000b\u0001c\u001fd\ufffee\ud800f\r\n\t\ud83d\ude00' at 'userName'"), "r");

    assertWellFormed(xml);
    assertThat(xml).contains("<Message>Value &apos;a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf&#xD;\n\t"
        + "\ud83d\ude00&apos; at &apos;userName&apos;</Message>");
  }

  private static Operation op(String name) {
    return IAM.operation(name).orElseThrow();
  }

  private static void assertWellFormed(String xml) {
    assertThatCode(() -> {
      Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      assertThat(doc.getDocumentElement()).isNotNull();
    }).doesNotThrowAnyException();
  }
}
