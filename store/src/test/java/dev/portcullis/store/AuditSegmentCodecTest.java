package dev.portcullis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditSegmentCodecTest {
  private static final AuditEvent FULL = new AuditEvent("0193a5b2-0000-7000-8000-000000000001",
      Instant.parse("2026-12-05T01:02:03.456Z"), "123456789012", "iam.amazonaws.com",
      "CreateUser", "zoë", "arn:aws:iam::123456789012:user/zoë", "AKIAEXAMPLEEXAMPLE01", false,
      "EntityAlreadyExists", "::1", List.of(new AuditEvent.Resource("AWS::IAM::User", "bob"),
      new AuditEvent.Resource("AWS::IAM::User", "bob")), "{\"eventName\":\"CreateUser\",\"ü\":1}");
  private static final AuditEvent SPARSE = new AuditEvent("id-2", Instant.EPOCH, null,
      "sts.amazonaws.com", "GetCallerIdentity", null, null, null, true, null, null, List.of(),
      "{}");

  @Test
  void decodeSegment_whenEncoded_roundTripsEveryFieldAndChainsTheHashes() {
    AuditSegmentCodec.Writer w = new AuditSegmentCodec.Writer().start();
    byte[] first = w.addChained(FULL, AuditChain.GENESIS);
    byte[] second = w.addChained(SPARSE, AuditChain.hex(first));

    List<AuditSegmentCodec.Entry> entries = AuditSegmentCodec.decodeSegment(w.toBytes());

    assertThat(entries).extracting(AuditSegmentCodec.Entry::event).containsExactly(FULL, SPARSE);
    assertThat(entries.get(0).hexHash()).isEqualTo(AuditChain.hash(AuditChain.GENESIS,
        FULL.record()));
    assertThat(entries.get(1).hexHash()).isEqualTo(AuditChain.hash(AuditChain.hex(first),
        SPARSE.record())).isEqualTo(AuditChain.hex(second));
  }

  @Test
  void decodePending_whenEncoded_roundTripsTheEvent() {
    assertThat(AuditSegmentCodec.decodePending(AuditSegmentCodec.pending(FULL))).isEqualTo(FULL);
    assertThat(AuditSegmentCodec.decodePending(AuditSegmentCodec.pending(SPARSE)))
        .isEqualTo(SPARSE);
  }

  @Test
  void decodeSegment_whenTruncatedAnywhere_failsWithAStoreException() {
    AuditSegmentCodec.Writer w = new AuditSegmentCodec.Writer().start();
    w.addChained(FULL, AuditChain.GENESIS);
    byte[] blob = w.toBytes();
    for (int n = 0; n < blob.length; n++) {
      byte[] cut = Arrays.copyOf(blob, n);
      assertThatThrownBy(() -> AuditSegmentCodec.decodeSegment(cut)).as("cut at " + n)
          .isInstanceOf(StoreException.class).hasMessageStartingWith("an audit blob does not "
          + "decode");
    }
  }

  @Test
  void decodeSegment_whenALengthClaimsMoreThanTheBlob_failsWithoutAllocatingIt() {
    // Version 1, then an event id whose length is 2^31 - 2 bytes.
    byte[] blob = {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'x'};
    assertThatThrownBy(() -> AuditSegmentCodec.decodeSegment(blob))
        .isInstanceOf(StoreException.class).hasMessageContaining("truncated");
    byte[] negative = {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    assertThatThrownBy(() -> AuditSegmentCodec.decodeSegment(negative))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void decodeSegment_whenTheVersionIsUnknownOrTheBlobEmpty_failsNamingWhy() {
    byte[] blob = AuditSegmentCodec.pending(SPARSE);
    blob[0] = 9;
    assertThatThrownBy(() -> AuditSegmentCodec.decodeSegment(blob))
        .isInstanceOf(StoreException.class).hasMessageContaining("unknown version 9");
    assertThatThrownBy(() -> AuditSegmentCodec.decodeSegment(new byte[0]))
        .isInstanceOf(StoreException.class).hasMessageContaining("empty");
  }

  @Test
  void decodePending_whenBytesFollowTheEvent_fails() {
    byte[] blob = Arrays.copyOf(AuditSegmentCodec.pending(SPARSE),
        AuditSegmentCodec.pending(SPARSE).length + 1);
    assertThatThrownBy(() -> AuditSegmentCodec.decodePending(blob))
        .isInstanceOf(StoreException.class).hasMessageContaining("after the event");
  }
}
