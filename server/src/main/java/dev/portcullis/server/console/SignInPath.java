package dev.portcullis.server.console;

import dev.portcullis.iam.store.Store;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account a sign-in page belongs to, from {@code /signin/ACCOUNT_ID} or {@code
 * /signin/ALIAS} (the sign-in URL the dashboard shows, as AWS's ALIAS.signin.aws.amazon.com).
 *
 * @param base the page's path, under which its steps live (/mfa, /password)
 */
record SignInPath(String accountId, String alias, String base) {
  static final String PREFIX = "/signin/";
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  /** The account named by {@code segment}, if it exists. */
  static Optional<SignInPath> resolve(Store store, String segment) {
    if (ACCOUNT_ID.matcher(segment).matches()) {
      return store.read(tx -> tx.accounts().find(segment).map(a -> new SignInPath(segment,
          tx.accounts().alias(segment).orElse(null), PREFIX + segment)));
    }
    if (ALIAS.matcher(segment).matches()) {
      return store.read(tx -> tx.accounts().accountWithAlias(segment).map(id ->
          new SignInPath(id, segment, PREFIX + segment)));
    }
    return Optional.empty();
  }

  /** The sign-in URL of an account: by its alias when it has one. */
  static String of(String accountId, String alias) {
    return PREFIX + (alias != null ? alias : accountId);
  }
}
