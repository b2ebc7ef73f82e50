#pragma once
// Agreement on a project: reads the chosen coders' codings and the documents in scope from the
// project store into an AgreementRequest (agreement.h stays plain data). The CLI's `agreement`
// and the application's agreement view both go through this, so that they report the same.

#include <string>
#include <vector>

#include "analysis/agreement.h"

namespace tessera {

class Project;

/// What to compare in a project.
struct ProjectAgreementQuery {
  std::vector<std::string> coders;     ///< at least two
  std::vector<std::string> codes;      ///< code paths, each with its descendants; empty = every code
  std::vector<std::string> documents;  ///< document names; empty = every document a chosen coder coded
  AgreementRequest::Unit unit = AgreementRequest::Unit::Document;
  double overlap = 0.9;                ///< segment unit
};

/// The request for ComputeAgreement. @throws DataError for fewer than two coders or a coder with no
/// codings; NotFoundError for an unknown code or document.
AgreementRequest BuildAgreementRequest(Project& project, const ProjectAgreementQuery& query);

}  // namespace tessera
