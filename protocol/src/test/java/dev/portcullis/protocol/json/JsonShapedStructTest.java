package dev.portcullis.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.Struct;
import dev.portcullis.protocol.model.Operation;
import dev.portcullis.protocol.model.ServiceModel;
import dev.portcullis.protocol.model.Shape;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the JSON protocol too, structures know their shape: the decoder's input fails on a
 * misspelled member or a wrong type, and the encoder refuses an output member the shape lacks
 * or a value of the wrong type instead of dropping it or writing it as text.
 */
class JsonShapedStructTest {
  private static final ServiceModel CLOUDTRAIL = ServiceModel.bundled("cloudtrail");
  private final JsonDecoder decoder = new JsonDecoder(CLOUDTRAIL);
  private final JsonEncoder encoder = new JsonEncoder(CLOUDTRAIL);

  private Struct lookupEventsInput(String body) {
    return decoder.decode("LookupEventsRequest", body.getBytes(StandardCharsets.UTF_8));
  }

  private static Operation op(String name) {
    return CLOUDTRAIL.operation(name).orElseThrow();
  }

  @Test
  void decode_whenMemberMisspelled_failsInsteadOfReadingNull() {
    Struct in = lookupEventsInput("{\"LookupAttributes\":[{\"AttributeKey\":\"Username\","
        + "\"AttributeValue\":\"alice\"}],\"MaxResults\":5}");

    assertThat(in.integer("MaxResults")).isEqualTo(5);
    assertThatThrownBy(() -> in.string("Nexttoken")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LookupEventsRequest has no member Nexttoken");
    assertThatThrownBy(() -> in.has("maxResults")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> in.<Struct>list("LookupAttributes").get(0).string("Key"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LookupAttribute has no member Key");
  }

  @Test
  void decode_whenMemberReadAsAnotherType_fails() {
    Struct in = lookupEventsInput("{\"MaxResults\":5,\"NextToken\":\"t\"}");

    assertThatThrownBy(() -> in.string("MaxResults")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("member MaxResults of LookupEventsRequest is a Number");
    assertThatThrownBy(() -> in.list("NextToken")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> in.bool("StartTime")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decode_whateverTheBody_knowsTheInputShape() {
    Shape.Structure shape = (Shape.Structure) CLOUDTRAIL.shape("LookupEventsRequest");

    assertThat(lookupEventsInput("").shape()).contains(shape);
    assertThat(lookupEventsInput("{}").shape()).contains(shape);
    assertThat(lookupEventsInput("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
        + "\"AttributeValue\":\"GetUser\"}]}").<Struct>list("LookupAttributes").get(0).shape())
        .contains((Shape.Structure) CLOUDTRAIL.shape("LookupAttribute"));
    assertThatThrownBy(() -> lookupEventsInput("").string("Nope"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decode_decimalMember_isADoubleItsShapeAccepts() {
    Struct in = decoder.decode("SearchSampleQueriesSearchResult",
        "{\"Relevance\":0.5}".getBytes(StandardCharsets.UTF_8));

    assertThat(in.get("Relevance")).isEqualTo(0.5);
  }

  @Test
  void response_whenOutputHasMemberTheShapeLacks_failsInsteadOfDroppingIt() {
    Struct event = Struct.of("EventId", "e1", "EventID", "e1");

    assertThatThrownBy(() -> encoder.response(op("LookupEvents"),
        Struct.of("Events", List.of(event))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Event has no member EventID");
    assertThatThrownBy(() -> encoder.response(op("LookupEvents"),
        Struct.of("Events", List.of(), "Marker", "m")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LookupEventsResponse has no member Marker");
  }

  @Test
  void response_whenOutputValueHasWrongType_failsInsteadOfWritingIt() {
    // ReadOnly is a string in CloudTrail's model: a Boolean would have been written as "true".
    assertThatThrownBy(() -> encoder.response(op("LookupEvents"), Struct.of("Events",
        List.of(Struct.of("EventId", "e1", "ReadOnly", true)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ReadOnly").hasMessageContaining("Boolean");
    assertThatThrownBy(() -> encoder.response(op("LookupEvents"), Struct.of("Events",
        List.of(Struct.of("EventId", "e1", "EventTime", "2026-12-04T00:00:00Z")))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("EventTime");
    assertThatThrownBy(() -> encoder.response(op("ListPublicKeys"), Struct.of("PublicKeyList",
        List.of(Struct.of("Value", "not bytes")))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Value");
    assertThatThrownBy(() -> encoder.response(op("LookupEvents"),
        Struct.of("Events", Struct.of("EventId", "e1"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Events");
  }

  @Test
  void response_whenEveryMemberFits_writesIt() {
    byte[] body = encoder.response(op("ListPublicKeys"), Struct.of("PublicKeyList", List.of(
        Struct.of("Value", new byte[] {1, 2, 3}, "ValidityStartTime", Instant.ofEpochSecond(5),
            "Fingerprint", "f"))));

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"PublicKeyList\":[{"
        + "\"Value\":\"AQID\",\"ValidityStartTime\":5,\"Fingerprint\":\"f\"}]}");
  }
}
