package dev.portcullis.iam.account;

import dev.portcullis.iam.Caller;
import dev.portcullis.iam.IamContext;
import dev.portcullis.iam.OperationRegistry;
import dev.portcullis.iam.Page;
import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.util.List;
import java.util.Optional;

/** The account alias (CreateAccountAlias, DeleteAccountAlias, ListAccountAliases) and summary. */
public final class AccountOperations {
  private final IamContext ctx;

  public AccountOperations(IamContext ctx) {
    this.ctx = ctx;
  }

  public void registerInto(OperationRegistry r) {
    r.register("CreateAccountAlias", this::createAlias)
        .register("DeleteAccountAlias", this::deleteAlias)
        .register("ListAccountAliases", this::listAliases)
        .register("GetAccountSummary", this::summary);
  }

  /**
   * An account has one alias: a new one replaces the old, as AWS does. An alias is unique across
   * all accounts, so one already held (by any account, this one included) is refused.
   */
  private Struct createAlias(Caller caller, Struct in) {
    String alias = in.string("AccountAlias");
    return ctx.store().write(tx -> {
      // Looking the account up in a write locks it (on PostgreSQL): racing calls take turns,
      // so of two calls for one alias the second answers EntityAlreadyExists.
      tx.accounts().find(caller.accountId());
      if (tx.accounts().accountWithAlias(alias).isPresent()) {
        throw AwsException.of(ErrorCode.ENTITY_ALREADY_EXISTS,
            "The account alias %s already exists.", alias);
      }
      tx.accounts().setAlias(caller.accountId(), alias);
      return Struct.empty();
    });
  }

  private Struct deleteAlias(Caller caller, Struct in) {
    String alias = in.string("AccountAlias");
    return ctx.store().write(tx -> {
      if (tx.accounts().alias(caller.accountId()).filter(alias::equals).isEmpty()) {
        throw AwsException.of(ErrorCode.NO_SUCH_ENTITY,
            "The account alias %s cannot be found.", alias);
      }
      tx.accounts().setAlias(caller.accountId(), null);
      return Struct.empty();
    });
  }

  private Struct listAliases(Caller caller, Struct in) {
    Optional<String> alias = ctx.store().read(tx -> tx.accounts().alias(caller.accountId()));
    return Page.of(alias.map(List::of).orElse(List.of()), in)
        .into(Struct.builder(), "AccountAliases", a -> a).build();
  }

  private Struct summary(Caller caller, Struct in) {
    return Struct.of("SummaryMap",
        ctx.store().read(tx -> AccountSummary.of(tx, caller.accountId())));
  }
}
