package dev.portcullis.iam.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import org.junit.jupiter.api.Test;

class ArnMembersTest {

  @Test
  void parsable_whenTheTextHasTheSixFieldsOfAnArn_isTrue() {
    assertThat(ArnMembers.parsable("arn:aws:iam::123456789012:policy/p")).isTrue();
    assertThat(ArnMembers.parsable("arn:aws:iam::aws:policy/AdministratorAccess")).isTrue();
    assertThat(ArnMembers.parsable("arn:aws:s3:::bucket")).isTrue();
  }

  @Test
  void parsable_whenAFieldIsMissingOrEmpty_isFalse() {
    assertThat(ArnMembers.parsable("this-is-not-an-arn-at-all")).isFalse();
    assertThat(ArnMembers.parsable("arn:aws:iam::123456789012")).isFalse();
    assertThat(ArnMembers.parsable("arn:aws:iam::123456789012:")).isFalse();
    assertThat(ArnMembers.parsable("arn::iam::123456789012:policy/p")).isFalse();
    assertThat(ArnMembers.parsable("urn:aws:iam::123456789012:policy/p")).isFalse();
  }

  @Test
  void requireParsable_checksOnlyTheServicesArnMembers() {
    Struct bad = Struct.of("PolicyArn", "nope-nope-nope-nope-nope", "RoleArn", "nope");

    assertThatThrownBy(() -> ArnMembers.requireParsable("iam", bad))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
          assertThat(e.getMessage()).isEqualTo("Invalid ARN:  Could not be parsed!");
        });
    assertThatThrownBy(() -> ArnMembers.requireParsable("sts", bad))
        .isInstanceOf(AwsException.class);
    assertThatCode(() -> ArnMembers.requireParsable("iam", Struct.of("RoleArn", "nope")))
        .doesNotThrowAnyException();
  }
}
