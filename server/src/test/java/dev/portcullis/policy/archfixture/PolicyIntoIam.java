package dev.portcullis.policy.archfixture;

import dev.portcullis.iam.domain.User;

/** A policy-language class that knows an IAM user: breaks a layer rule on purpose. */
public final class PolicyIntoIam {
  User user;
}
