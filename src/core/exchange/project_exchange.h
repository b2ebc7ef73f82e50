#pragma once
// Between the project store and the REFI-QDA model: codebooks in and out of a project, and whole
// projects out to and in from the exchange model. The .qdc/.qdpx files themselves are read and
// written by qdc_reader/qdc_writer and qdpx_reader/qdpx_writer.
//
// A code's definition, inclusion and exclusion criteria and example travel in the one REFI
// Description, as labelled lines ("Definition: …", "Include: …", "Exclude: …", "Example: …"),
// which other tools show as plain text (docs/codebooks.md).

#include <string>
#include <vector>

#include "exchange/refi_model.h"

namespace tessera {

class Project;
struct Code;

/// What an import brought in.
struct ExchangeReport {
  std::size_t codes_added = 0, codes_updated = 0, documents = 0, codings = 0, memos = 0, cases = 0, variables = 0;
  std::vector<std::string> warnings;
};

/// Splits a REFI description into the code's fields, recognising the labelled lines.
void SplitCodeDescription(const std::string& description, Code& code);
/// Joins the code's fields into one REFI description (plain when only a definition is set).
std::string JoinCodeDescription(const Code& code);

/// The project's codebook as a REFI codebook.
QdaCodebook CodebookFromProject(Project& project);
/// Adds a REFI codebook to the project (codes matched by GUID, then by path; details of matched
/// codes updated) in one transaction, recorded in the audit log.
ExchangeReport ImportCodebook(Project& project, const QdaCodebook& codebook, const std::string& source_name);

/// The whole project as a REFI project.
QdaProject ProjectToQda(Project& project);
/// Fills a new, empty project from a REFI project in one transaction. @throws DataError.
ExchangeReport ImportQdaProject(Project& project, const QdaProject& qda, const std::string& source_name);

}  // namespace tessera
