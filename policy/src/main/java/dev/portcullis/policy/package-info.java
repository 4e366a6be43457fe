/**
 * The AWS policy language: {@link dev.portcullis.policy.PolicyParser} turns a JSON policy document
 * into a {@link dev.portcullis.policy.PolicyDocument} or into the {@code MalformedPolicyDocument}
 * message AWS IAM would answer.
 */
package dev.portcullis.policy;
