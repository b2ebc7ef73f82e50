#pragma once
// The hierarchical codebook: codes of any depth with definitions, criteria, colours and order.
// Paths are the names from the root joined with '/'.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Database;

/// One code of the tree.
struct Code {
  std::int64_t id = 0;
  std::string guid;
  std::optional<std::int64_t> parent_id;
  std::string name, color, description, inclusion, exclusion, example;
  bool codable = true;
  bool sensitive = false;
  std::int64_t position = 0;
  std::string path;  ///< filled by the tree's readers
  int depth = 0;     ///< 0 for top-level codes
};

/// What Delete does with codings of the code (and of its descendants).
enum class DeletePolicy { Refuse, Recode, Drop };

/// Reads and changes the code tree of one project. Callers own the transaction.
class CodeTree {
 public:
  explicit CodeTree(Database& db) : m_db(db) {}

  /// Every code in tree order (depth first, by position then name), with path and depth.
  std::vector<Code> All();
  /// One code. @throws NotFoundError.
  Code Get(std::int64_t id);
  /// The code at `path`, if any.
  std::optional<std::int64_t> FindByPath(const std::string& path);
  /// The code at `path` or with this GUID. @throws NotFoundError.
  std::int64_t Resolve(const std::string& path_or_guid);
  /// The code at `path`, creating it and its missing ancestors. @throws DataError for an empty segment.
  std::int64_t EnsurePath(const std::string& path, bool* created = nullptr);
  /// Adds a code under `parent`; returns its id. @throws DataError when a sibling has that name.
  std::int64_t Add(std::optional<std::int64_t> parent, const std::string& name, const std::string& guid = {});
  /// Renames a code. @throws DataError when a sibling has the new name.
  void Rename(std::int64_t id, const std::string& name);
  /// Moves a code under another parent (nullopt: top level). @throws DataError for a cycle.
  void Move(std::int64_t id, std::optional<std::int64_t> parent);
  /// Recodes A's codings to B, moves A's children under B and removes A. Returns codings moved.
  std::int64_t Merge(std::int64_t from, std::int64_t into);
  /// Deletes a code and its descendants. Returns codings affected.
  /// @throws DataError when coded and the policy is Refuse.
  std::int64_t Delete(std::int64_t id, DeletePolicy policy, std::optional<std::int64_t> recode_to = {});
  /// Sets the position among siblings (0-based), shifting the others.
  void Reorder(std::int64_t id, std::int64_t position);
  /// Writes name-independent fields (colour, texts, flags) of `code`.
  void UpdateDetails(const Code& code);
  /// The code and all its descendants.
  std::vector<std::int64_t> Subtree(std::int64_t id);
  /// Number of codings and of distinct documents coded, per code id (without descendants).
  std::vector<std::pair<std::int64_t, std::pair<std::int64_t, std::int64_t>>> Counts();

 private:
  void CheckName(const std::string& name);
  Database& m_db;
};

/// Splits "A/B/C" into its names, trimming white space. @throws DataError for an empty segment.
std::vector<std::string> SplitCodePath(const std::string& path);

/// Normalises a colour ("#abc", "#AABBCC", "rgb(1,2,3)", "#RRGGBBAA") to "#RRGGBB"; empty if unreadable.
std::string NormalizeColor(const std::string& color);

}  // namespace tessera
