package dev.portcullis.server.multinode;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Two nodes on one PostgreSQL database: A, where changes are made, and B, which must
 * see them.
 */
sealed interface NodePair extends AutoCloseable permits TwoNodes, TwoProcesses {
  /** The bootstrap administrator's key. */
  AwsBasicCredentials admin();

  /** A client of A that does not retry, so that each call is one request. */
  IamClient iamOnA(AwsBasicCredentials credentials);

  /** A client of B that does not retry. */
  IamClient iamOnB(AwsBasicCredentials credentials);
}
