package dev.portcullis.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Structures know their shape: a misspelled member or a wrong type fails instead of vanishing. */
class ShapedStructTest {
  private static final ServiceModel IAM = ServiceModel.bundled("iam");
  private final QueryDecoder decoder = new QueryDecoder(IAM);
  private final XmlEncoder encoder = new XmlEncoder(IAM, Set.of("policyDocumentType"));

  private Struct createUserInput() {
    return decoder.decode("CreateUserRequest", Map.of("UserName", "ana",
        "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue"));
  }

  @Test
  void string_whenMemberOfTheShape_readsItsValue() {
    Struct in = createUserInput();

    assertThat(in.string("UserName")).isEqualTo("ana");
    assertThat(in.string("Path", "/")).isEqualTo("/");
    assertThat(in.<Struct>list("Tags").get(0).string("Value")).isEqualTo("blue");
  }

  @Test
  void string_whenMemberMisspelled_failsInsteadOfReadingNull() {
    Struct in = createUserInput();

    assertThatThrownBy(() -> in.string("Username"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CreateUserRequest has no member Username");
    assertThatThrownBy(() -> in.has("Username")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> in.<Struct>list("Tags").get(0).string("value"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_whenMemberReadAsAnotherType_fails() {
    Struct in = createUserInput();

    assertThatThrownBy(() -> in.string("Tags")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("member Tags of CreateUserRequest is a ListOf");
    assertThatThrownBy(() -> in.list("UserName")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> in.bool("Path")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anyMember_whenMemberNotInTheShape_readsAsAbsent() {
    Struct any = createUserInput().anyMember();

    assertThat(any.string("PolicyArn")).isNull();
    assertThat(any.string("UserName")).isEqualTo("ana");
  }

  @Test
  void put_whenShapedBuilderGivesUnknownMemberOrWrongType_fails() {
    Shape.Structure shape = (Shape.Structure) IAM.shape("CreateUserRequest");

    assertThatThrownBy(() -> Struct.builder(IAM, shape).put("Username", "ana"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Struct.builder(IAM, shape).put("UserName", 7))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Struct.builder(IAM, shape).put("UserName", "ana").build().shape())
        .contains(shape);
  }

  @Test
  void response_whenOutputHasMemberTheShapeLacks_failsInsteadOfDroppingIt() {
    Struct user = Struct.of("UserName", "ana", "UserId", "AIDAEXAMPLE1234567890",
        "Arn", "arn:aws:iam::123456789012:user/ana", "Path", "/",
        "CreateDate", Instant.EPOCH, "Tag", List.of());

    assertThatThrownBy(() -> encoder.response(op("GetUser"), Struct.of("User", user), "r"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("User has no member Tag");
  }

  @Test
  void response_whenOutputValueHasWrongType_failsInsteadOfWritingIt() {
    Struct user = Struct.of("UserName", "ana", "UserId", "AIDAEXAMPLE1234567890",
        "Arn", "arn:aws:iam::123456789012:user/ana", "Path", "/",
        "CreateDate", "2015-08-30T12:36:00Z");

    assertThatThrownBy(() -> encoder.response(op("GetUser"), Struct.of("User", user), "r"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CreateDate");
  }

  private static Operation op(String name) {
    return IAM.operation(name).orElseThrow();
  }
}
