package dev.portcullis.iam.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.domain.TaggedKind;
import org.junit.jupiter.api.Test;

class TagOperationsTest {

  @Test
  void registerInto_whenEveryKind_registersTagUntagAndListOfEachKindPortcullisHas() {
    OperationRegistry r = new OperationRegistry();
    new TagOperations(null).registerInto(r);
    assertThat(r.all().keySet()).containsExactlyInAnyOrder(
        "TagUser", "UntagUser", "ListUserTags",
        "TagRole", "UntagRole", "ListRoleTags",
        "TagPolicy", "UntagPolicy", "ListPolicyTags",
        "TagInstanceProfile", "UntagInstanceProfile", "ListInstanceProfileTags",
        "TagMFADevice", "UntagMFADevice", "ListMFADeviceTags");
  }

  @Test
  void registerInto_whenKindNotBuiltYet_failsLoudly() {
    assertThatThrownBy(() -> new TagOperations(null)
        .registerInto(new OperationRegistry(), TaggedKind.SAML_PROVIDER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
