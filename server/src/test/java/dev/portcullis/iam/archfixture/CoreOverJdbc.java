package dev.portcullis.iam.archfixture;

import java.sql.Connection;

/** A core class that holds a JDBC connection: breaks a layer rule on purpose. */
public final class CoreOverJdbc {
  Connection connection;
}
