package dev.portcullis.iam.store;

import dev.portcullis.iam.domain.Group;
import java.util.List;
import java.util.Optional;

/** IAM groups and their members; names are unique per account regardless of case. */
public interface GroupStore {
  void insert(Group group);

  Optional<Group> findByName(String accountId, String name);

  Optional<Group> findById(String accountId, String groupId);

  /** Groups whose path starts with {@code pathPrefix}, ordered by name. */
  List<Group> list(String accountId, String pathPrefix);

  /** Renames or moves a group; null arguments keep the current value. */
  void update(String accountId, String groupId, String newName, String newPath);

  void delete(String accountId, String groupId);

  int count(String accountId);

  /** Adds a member; adding an existing member changes nothing. */
  void addMember(String accountId, String groupId, String userId);

  void removeMember(String accountId, String groupId, String userId);

  /** The user ids of a group's members. */
  List<String> memberIds(String accountId, String groupId);

  /** The groups a user belongs to, ordered by name. */
  List<Group> groupsOfUser(String accountId, String userId);
}
