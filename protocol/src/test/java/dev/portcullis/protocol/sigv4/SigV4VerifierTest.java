package dev.portcullis.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4VerifierTest {
  private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final String BODY = "Action=ListUsers&Version=2010-05-08";
  private static final SecretResolver SECRETS = (id, token) -> {
    if (!id.equals(KEY_ID)) {
      throw new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
          "The security token included in the request is invalid.");
    }
    return SECRET;
  };

  private final SigV4Verifier verifier = verifierAt(NOW);

  @Test
  void verify_headerSignedRequest_returnsTheSigner() {
    SignedRequest request = signPost(BODY, "iam", SECRET, NOW);

    SigV4Identity id = verifier.verify(request, Map.of(), "iam", SECRETS);

    assertThat(id.accessKeyId()).isEqualTo(KEY_ID);
    assertThat(id.region()).isEqualTo("us-east-1");
    assertThat(id.service()).isEqualTo("iam");
    assertThat(id.signedAt()).isEqualTo(NOW);
  }

  @Test
  void verify_presignedQueryRequest_returnsTheSigner() {
    SignedRequest request = presignGet("Action=ListUsers&Version=2010-05-08&MaxItems=10",
        Duration.ofMinutes(5), NOW);

    SigV4Identity id = verifier.verify(request, queryParams(request), "iam", SECRETS);

    assertThat(id.accessKeyId()).isEqualTo(KEY_ID);
    assertThat(id.signedAt()).isEqualTo(NOW);
  }

  @Test
  void verify_withPercentEncodedValues_verifies() {
    String body = "Action=CreateUser&Version=2010-05-08&UserName=ana%2Bbob%40example.com"
        + "&Tags.member.1.Key=cost%20center&Tags.member.1.Value=a%2Fb%3Dc";

    SigV4Identity id = verifier.verify(signPost(body, "iam", SECRET, NOW), Map.of(), "iam",
        SECRETS);

    assertThat(id.accessKeyId()).isEqualTo(KEY_ID);
  }

  @Test
  void verify_whenBodyModified_isSignatureDoesNotMatch() {
    SignedRequest signed = signPost(BODY, "iam", SECRET, NOW);
    SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(),
        signed.rawQuery(), signed.headers(),
        "Action=ListUsers&Version=2010-05-08&MaxItems=1".getBytes(StandardCharsets.UTF_8));

    assertRejected(tampered, Map.of(), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void verify_whenBodyReplacedUnderItsClaimedHash_isSignatureDoesNotMatch() {
    SignedRequest signed = signPost(BODY, "iam", SECRET, NOW);
    assertThat(signed.header("x-amz-content-sha256")).isEqualTo(Hashing.sha256Hex(
        BODY.getBytes(StandardCharsets.UTF_8)));
    SignedRequest replaced = new SignedRequest(signed.method(), signed.rawPath(),
        signed.rawQuery(), signed.headers(),
        "Action=DeleteUser&Version=2010-05-08&UserName=ana".getBytes(StandardCharsets.UTF_8));

    assertRejected(replaced, Map.of(), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void verify_whenBodyDeclaredUnsigned_isSignatureDoesNotMatch() {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("https://localhost:9443/"))
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    SignedRequest unsigned = sign(request, BODY, KEY_ID, SECRET, "iam", NOW,
        b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    assertThat(unsigned.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");

    assertRejected(unsigned, Map.of(), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void verify_whenSignedHeaderModified_isSignatureDoesNotMatch() {
    SignedRequest tampered = withHeader(signPost(BODY, "iam", SECRET, NOW), "host",
        "evil.example.com");

    assertRejected(tampered, Map.of(), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void verify_whenSignedWithAnotherSecret_isSignatureDoesNotMatch() {
    SignedRequest request = signPost(BODY, "iam", "another/secret/of/forty/characters/xxxxx",
        NOW);

    assertThatThrownBy(() -> verifier.verify(request, Map.of(), "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
          assertThat(e.code().httpStatus()).isEqualTo(403);
          assertThat(e.getMessage()).startsWith("The request signature we calculated does not "
              + "match the signature you provided.");
        });
  }

  @Test
  void verify_whenSecretChangesForTheSameKey_doesNotReuseTheCachedSigningKey() {
    SignedRequest request = signPost(BODY, "iam", SECRET, NOW);
    verifier.verify(request, Map.of(), "iam", SECRETS);

    assertThatThrownBy(() -> verifier.verify(request, Map.of(), "iam",
        (id, token) -> "rotated/secret/of/forty/characters/xxxxxx"))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
  }

  @Test
  void verify_whenKeyUnknown_passesOnTheResolversError() {
    SignedRequest request = signPost(BODY, "iam", SECRET, NOW, "AKIAUNKNOWNKEY000000");

    assertRejected(request, Map.of(), ErrorCode.INVALID_CLIENT_TOKEN_ID);
  }

  @Test
  void verify_withoutAuthorization_isMissingAuthenticationToken() {
    SignedRequest unsigned = new SignedRequest("POST", "/", null,
        Map.of("host", List.of("localhost"), "content-type",
            List.of("application/x-www-form-urlencoded")),
        BODY.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> verifier.verify(unsigned, Map.of(), "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MISSING_AUTHENTICATION_TOKEN);
          assertThat(e.code().httpStatus()).isEqualTo(403);
          assertThat(e.getMessage()).isEqualTo("Request is missing Authentication Token");
        });
  }

  @Test
  void verify_whenAuthorizationLacksItsFields_isIncompleteSignature() {
    SignedRequest signed = signPost(BODY, "iam", SECRET, NOW);

    for (String auth : List.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 garbage",
        "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20240501/us-east-1/iam/aws4_request",
        "AWS4-HMAC-SHA256 Credential=" + KEY_ID + ", SignedHeaders=host, Signature=abc",
        "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20240501/iam/aws4_request, "
            + "SignedHeaders=host, Signature=abc",
        "AWS4-HMAC-SHA1 Credential=a/b/c/d/e, SignedHeaders=host, Signature=abc",
        "Basic dXNlcjpwYXNz")) {
      assertThatThrownBy(() -> verifier.verify(withHeader(signed, "authorization", auth),
          Map.of(), "iam", SECRETS))
          .as(auth)
          .isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE);
            assertThat(e.code().httpStatus()).isEqualTo(400);
          });
    }
  }

  @Test
  void verify_whenDateHeaderMissingOrMalformed_isIncompleteSignature() {
    SignedRequest signed = signPost(BODY, "iam", SECRET, NOW);
    Map<String, List<String>> headers = new HashMap<>(signed.headers());
    headers.remove("x-amz-date");
    SignedRequest noDate = new SignedRequest(signed.method(), signed.rawPath(),
        signed.rawQuery(), headers, signed.body());

    assertRejected(noDate, Map.of(), ErrorCode.INCOMPLETE_SIGNATURE);
    assertRejected(withHeader(signed, "x-amz-date", "2024-05-01 10:00:00"), Map.of(),
        ErrorCode.INCOMPLETE_SIGNATURE);
  }

  @Test
  void verify_whenScopedToAnotherService_isSignatureDoesNotMatch() {
    SignedRequest request = signPost(BODY, "sts", SECRET, NOW);

    assertThatThrownBy(() -> verifier.verify(request, Map.of(), "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
          assertThat(e.getMessage()).contains("Credential should be scoped to correct service");
        });
  }

  @Test
  void verify_whenScopeDateDiffersFromRequestDate_isSignatureDoesNotMatch() {
    SignedRequest signed = signPost(BODY, "iam", SECRET, NOW);
    String auth = signed.header("authorization").replace("/20240501/", "/20240430/");

    assertThatThrownBy(() -> verifier.verify(withHeader(signed, "authorization", auth),
        Map.of(), "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
          assertThat(e.getMessage()).contains("Credential should be scoped to a valid date");
        });
  }

  @Test
  void verify_whenScopeHasWrongTerminatorOrRegion_isSignatureDoesNotMatch() {
    SignedRequest signed = signPost(BODY, "iam", SECRET, NOW);
    String auth = signed.header("authorization");

    assertRejected(withHeader(signed, "authorization", auth.replace("aws4_request", "aws5")),
        Map.of(), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertRejected(withHeader(signed, "authorization", auth.replace("us-east-1", "mars")),
        Map.of(), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void verify_whenScopeNamesARegionAwsDoesNotHave_isSignatureDoesNotMatchInAwsWords() {
    for (String region : List.of("eu-evil-9", "*", "us-east-99")) {
      SignedRequest signed = signPostIn(region, "sts");

      assertThatThrownBy(() -> verifier.verify(signed, Map.of(), "sts", SECRETS))
          .isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
            assertThat(e.code().httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo(
                "Credential should be scoped to a valid region, not '" + region + "'. ");
          });
    }
  }

  @Test
  void verify_whenScopeNamesAnAwsRegion_addressesStsThereAndIamToUsEast1() {
    assertThat(verifier.verify(signPostIn("eu-west-3", "sts"), Map.of(), "sts", SECRETS)
        .region()).isEqualTo("eu-west-3");
    assertThat(verifier.verify(signPostIn("eu-west-3", "iam"), Map.of(), "iam", SECRETS)
        .region()).isEqualTo("us-east-1");
    assertThat(verifier.verify(signPostIn("aws-global", "sts"), Map.of(), "sts", SECRETS)
        .region()).isEqualTo("us-east-1");
  }

  @Test
  void verify_whenSignedMoreThanFifteenMinutesAgo_isRequestExpired() {
    SignedRequest request = signPost(BODY, "iam", SECRET, NOW.minus(Duration.ofMinutes(16)));

    assertThatThrownBy(() -> verifier.verify(request, Map.of(), "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_EXPIRED);
          assertThat(e.code().httpStatus()).isEqualTo(400);
          assertThat(e.getMessage()).contains("20240501T094400Z").contains("20240501T100000Z");
        });
  }

  @Test
  void verify_whenSignedMoreThanFifteenMinutesAhead_isRequestExpired() {
    SignedRequest request = signPost(BODY, "iam", SECRET, NOW.plus(Duration.ofMinutes(16)));

    assertRejected(request, Map.of(), ErrorCode.REQUEST_EXPIRED);
  }

  @Test
  void verify_withinFifteenMinutesEitherWay_verifies() {
    for (Instant signedAt : List.of(NOW.minus(Duration.ofMinutes(14)),
        NOW.plus(Duration.ofMinutes(14)))) {
      SignedRequest request = signPost(BODY, "iam", SECRET, signedAt);
      assertThat(verifier.verify(request, Map.of(), "iam", SECRETS).signedAt())
          .isEqualTo(signedAt);
    }
  }

  @Test
  void verify_presignedAfterItsExpiry_isRequestExpired() {
    SignedRequest request = presignGet("Action=ListUsers&Version=2010-05-08",
        Duration.ofSeconds(60), NOW);

    assertThat(verifierAt(NOW.plusSeconds(60)).verify(request, queryParams(request), "iam",
        SECRETS).accessKeyId()).isEqualTo(KEY_ID);
    assertThatThrownBy(() -> verifierAt(NOW.plusSeconds(61)).verify(request,
        queryParams(request), "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_EXPIRED));
  }

  @Test
  void verify_presignedWithTamperedQuery_isSignatureDoesNotMatch() {
    SignedRequest signed = presignGet("Action=ListUsers&Version=2010-05-08",
        Duration.ofMinutes(5), NOW);
    SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(),
        signed.rawQuery().replace("ListUsers", "ListRoles"), signed.headers(), signed.body());

    assertRejected(tampered, queryParams(tampered), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void verify_presignedWithoutRequiredFields_isIncompleteSignature() {
    SignedRequest signed = presignGet("Action=ListUsers&Version=2010-05-08",
        Duration.ofMinutes(5), NOW);
    String query = signed.rawQuery().replaceAll("&?X-Amz-Credential=[^&]*", "");
    SignedRequest partial = new SignedRequest(signed.method(), signed.rawPath(), query,
        signed.headers(), signed.body());

    assertRejected(partial, queryParams(partial), ErrorCode.INCOMPLETE_SIGNATURE);
  }

  /** The GET example of the AWS General Reference's "Signature Version 4 signing process". */
  @Test
  void verify_awsDocumentationGetExample_verifies() {
    SignedRequest request = new SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
        headers("host", "iam.amazonaws.com",
            "content-type", "application/x-www-form-urlencoded; charset=utf-8",
            "x-amz-date", "20150830T123600Z",
            "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
        new byte[0]);

    SigV4Identity id = verifierAt(Instant.parse("2015-08-30T12:36:00Z")).verify(request,
        Map.of("Action", "ListUsers", "Version", "2010-05-08"), "iam",
        (keyId, token) -> SECRET);

    assertThat(id.accessKeyId()).isEqualTo("AKIDEXAMPLE");
  }

  /** The older POST example of the same guide (form body, 2011). */
  @Test
  void verify_awsDocumentationPostExample_verifies() {
    SignedRequest request = new SignedRequest("POST", "/", null,
        headers("host", "iam.amazonaws.com",
            "content-type", "application/x-www-form-urlencoded; charset=utf-8",
            "x-amz-date", "20110909T233600Z",
            "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/iam/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c"),
        BODY.getBytes(StandardCharsets.UTF_8));

    SigV4Identity id = verifierAt(Instant.parse("2011-09-09T23:36:00Z")).verify(request,
        Map.of(), "iam", (keyId, token) -> SECRET);

    assertThat(id.accessKeyId()).isEqualTo("AKIDEXAMPLE");
  }

  @Test
  void verify_awsDocumentationExampleWithAnotherSecret_isSignatureDoesNotMatch() {
    SignedRequest request = new SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
        headers("host", "iam.amazonaws.com",
            "content-type", "application/x-www-form-urlencoded; charset=utf-8",
            "x-amz-date", "20150830T123600Z",
            "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
        new byte[0]);

    assertThatThrownBy(() -> verifierAt(Instant.parse("2015-08-30T12:36:00Z")).verify(request,
        Map.of(), "iam", (keyId, token) -> SECRET.toLowerCase(Locale.ROOT)))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
  }

  private void assertRejected(SignedRequest request, Map<String, String> query,
      ErrorCode expected) {
    assertThatThrownBy(() -> verifier.verify(request, query, "iam", SECRETS))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code()).isEqualTo(expected));
  }

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC));
  }

  private static SignedRequest signPost(String body, String service, String secret,
      Instant at) {
    return signPost(body, service, secret, at, KEY_ID);
  }

  private static SignedRequest signPost(String body, String service, String secret, Instant at,
      String keyId) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("http://localhost:9000/"))
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    return sign(request, body, keyId, secret, service, at, b -> b);
  }

  private static SignedRequest signPostIn(String region, String service) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("http://localhost:9000/"))
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    return sign(request, BODY, KEY_ID, SECRET, service, NOW,
        b -> b.putProperty(AwsV4HttpSigner.REGION_NAME, region));
  }

  private static SignedRequest presignGet(String query, Duration expiry, Instant at) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(URI.create("http://localhost:9000/?" + query)).build();
    return sign(request, "", KEY_ID, SECRET, "iam", at,
        b -> b.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry));
  }

  private static SignedRequest sign(SdkHttpRequest request, String body, String keyId,
      String secret, String service, Instant at,
      UnaryOperator<software.amazon.awssdk.http.auth.spi.signer.SignRequest.Builder<
          AwsCredentialsIdentity>> extra) {
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(b -> extra.apply(b
        .identity(AwsCredentialsIdentity.create(keyId, secret))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))).request();
    Map<String, List<String>> headers = new HashMap<>();
    signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
    headers.putIfAbsent("host", List.of(signed.host() + ":" + signed.port()));
    return new SignedRequest(signed.method().name(), signed.encodedPath(),
        signed.encodedQueryParameters().orElse(null), headers,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static SignedRequest withHeader(SignedRequest r, String name, String value) {
    Map<String, List<String>> headers = new HashMap<>(r.headers());
    headers.put(name, List.of(value));
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
  }

  private static Map<String, String> queryParams(SignedRequest r) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String[] p : SigV4Verifier.queryPairs(r.rawQuery())) {
      q.putIfAbsent(p[0], p[1]);
    }
    return q;
  }

  private static Map<String, List<String>> headers(String... namesAndValues) {
    Map<String, List<String>> h = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
    }
    return h;
  }
}
