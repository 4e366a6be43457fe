package dev.portcullis.server.iam;

import static dev.portcullis.server.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.server.testing.ServerExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesResponse;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

class AccountOperationsTest {
  @RegisterExtension static final ServerExtension SERVER = new ServerExtension();

  private final IamClient iam = SERVER.adminIam();

  @BeforeEach
  void startWithoutAlias() {
    iam.listAccountAliases().accountAliases()
        .forEach(a -> iam.deleteAccountAlias(b -> b.accountAlias(a)));
  }

  @Test
  void listAccountAliases_whenNone_isEmptyAndNotTruncated() {
    ListAccountAliasesResponse list = iam.listAccountAliases();

    assertThat(list.accountAliases()).isEmpty();
    assertThat(list.isTruncated()).isFalse();
  }

  @Test
  void createAccountAlias_thenListAccountAliases_returnsIt() {
    iam.createAccountAlias(b -> b.accountAlias("example-corp"));

    ListAccountAliasesResponse list = iam.listAccountAliases(b -> b.maxItems(1));

    assertThat(list.accountAliases()).containsExactly("example-corp");
    assertThat(list.isTruncated()).isFalse();
  }

  @Test
  void createAccountAlias_whenTheAccountHasOne_replacesIt() {
    iam.createAccountAlias(b -> b.accountAlias("old-name"));

    iam.createAccountAlias(b -> b.accountAlias("new-name"));

    assertThat(iam.listAccountAliases().accountAliases()).containsExactly("new-name");
  }

  @Test
  void createAccountAlias_whenTheAliasIsTaken_isEntityAlreadyExists() {
    iam.createAccountAlias(b -> b.accountAlias("taken-alias"));

    assertAwsError(() -> iam.createAccountAlias(b -> b.accountAlias("taken-alias")),
        "EntityAlreadyExists", 409, "The account alias taken-alias already exists.");
  }

  @Test
  void createAccountAlias_breakingTheModelPattern_isValidationError() {
    assertAwsError(() -> iam.createAccountAlias(b -> b.accountAlias("Upper-Case")),
        "ValidationError", 400);
    assertAwsError(() -> iam.createAccountAlias(b -> b.accountAlias("double--hyphen")),
        "ValidationError", 400);
    assertAwsError(() -> iam.createAccountAlias(b -> b.accountAlias("-leading")),
        "ValidationError", 400);
  }

  @Test
  void deleteAccountAlias_removesIt() {
    iam.createAccountAlias(b -> b.accountAlias("short-lived"));

    iam.deleteAccountAlias(b -> b.accountAlias("short-lived"));

    assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
  }

  @Test
  void deleteAccountAlias_whenNotTheAccountsAlias_isNoSuchEntity() {
    iam.createAccountAlias(b -> b.accountAlias("the-real-one"));

    assertAwsError(() -> iam.deleteAccountAlias(b -> b.accountAlias("another-one")),
        "NoSuchEntity", 404, "The account alias another-one cannot be found.");
    assertThat(iam.listAccountAliases().accountAliases()).containsExactly("the-real-one");
  }

  @Test
  void getAccountSummary_hasEveryKeyOfTheModelWithAwsQuotas() {
    Map<SummaryKeyType, Integer> summary = iam.getAccountSummary().summaryMap();

    assertThat(summary.keySet()).containsExactlyInAnyOrderElementsOf(
        SummaryKeyType.knownValues());
    assertThat(summary).containsEntry(SummaryKeyType.USERS_QUOTA, 5000)
        .containsEntry(SummaryKeyType.GROUPS_QUOTA, 300)
        .containsEntry(SummaryKeyType.ROLES_QUOTA, 1000)
        .containsEntry(SummaryKeyType.POLICIES_QUOTA, 1500)
        .containsEntry(SummaryKeyType.INSTANCE_PROFILES_QUOTA, 1000)
        .containsEntry(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA, 2)
        .containsEntry(SummaryKeyType.VERSIONS_PER_POLICY_QUOTA, 5)
        .containsEntry(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, 0)
        .containsEntry(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0);
  }

  @Test
  void getAccountSummary_countsUsersAsTheyComeAndGo() {
    int before = users();

    iam.createUser(b -> b.userName("summary-a"));
    iam.createUser(b -> b.userName("summary-b"));
    int during = users();
    iam.deleteUser(b -> b.userName("summary-a"));

    assertThat(during).isEqualTo(before + 2);
    assertThat(users()).isEqualTo(before + 1);
    assertThat(before).isGreaterThanOrEqualTo(1); // the bootstrap administrator
  }

  @Test
  void getAccountSummary_countsRolesGroupsAndInstanceProfiles() {
    Map<SummaryKeyType, Integer> before = iam.getAccountSummary().summaryMap();

    iam.createGroup(b -> b.groupName("summary-group"));
    iam.createRole(b -> b.roleName("summary-role").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    iam.createInstanceProfile(b -> b.instanceProfileName("summary-profile"));
    Map<SummaryKeyType, Integer> after = iam.getAccountSummary().summaryMap();

    assertThat(after.get(SummaryKeyType.GROUPS)).isEqualTo(before.get(SummaryKeyType.GROUPS) + 1);
    assertThat(after.get(SummaryKeyType.ROLES)).isEqualTo(before.get(SummaryKeyType.ROLES) + 1);
    assertThat(after.get(SummaryKeyType.INSTANCE_PROFILES))
        .isEqualTo(before.get(SummaryKeyType.INSTANCE_PROFILES) + 1);
  }

  private int users() {
    return iam.getAccountSummary().summaryMap().get(SummaryKeyType.USERS);
  }
}
