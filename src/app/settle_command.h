#pragma once
// "agreement/settle": settles one disagreement between two coders into the consensus coder, as a
// decision of `tessera-cli reconcile --decisions` would (analysis/reconciliation.h computes the
// consensus segments): the consensus coder's earlier codings of the code over the disagreement are
// replaced by the decided segments, and the decision with its rationale goes into the audit log.
// Undo puts the earlier codings back.

#include <string>
#include <vector>

#include "analysis/reconciliation.h"
#include "project/coding_store.h"
#include "project_command.h"

namespace tessera::app {

/// Settles one disagreement into the consensus coder.
class SettleDisagreementCommand : public ProjectCommand {
 public:
  SettleDisagreementCommand(Workspace& workspace, std::string first_coder, std::string second_coder,
                            std::string into, Disagreement disagreement, ReconcileDecision decision);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codings; }

 private:
  std::string m_first, m_second, m_into;
  Disagreement m_disagreement;
  ReconcileDecision m_decision;
  std::string m_code_guid;
  struct Made {
    std::size_t start, end;
    std::string guid, at;
  };
  std::vector<Made> m_made;      // the consensus codings this command wrote
  std::vector<Coding> m_replaced;  // the consensus coder's earlier codings it removed
  bool m_first_time = true;
};

}  // namespace tessera::app
