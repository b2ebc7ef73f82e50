#pragma once
// Retrieval: every segment coded with a code (and, if wished, its sub-codes), by any or one coder,
// in transcripts whose variables pass the filters, each with its context. Activating a segment
// opens it in the transcript.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "changes.h"
#include "kwic_list.h"

class wxChoice;
class wxCheckBox;
class wxStaticText;

namespace tessera::app {

class Workspace;
class VariableFilterBar;

/// Lists the segments of a code.
class RetrievalPanel : public wxPanel {
 public:
  RetrievalPanel(wxWindow* parent, Workspace& workspace);
  ~RetrievalPanel() override;

  /// Chooses a code and lists its segments.
  void ShowCode(std::int64_t code);
  /// Lists the segments for the current choices.
  void Run();
  /// The segments listed.
  const std::vector<KwicRow>& Rows() const { return m_list->Rows(); }
  /// The variable filters (for tests).
  VariableFilterBar* Filters() const { return m_filters; }
  /// Re-reads labels that depend on the language.
  void Relabel();

  /// A segment was activated.
  std::function<void(std::int64_t document, std::size_t start, std::size_t end)> on_jump;

 private:
  void FillChoices();
  void OnChanges(Changes changes);

  Workspace& m_workspace;
  ChangeSignal::Connection m_connection;
  wxStaticText* m_code_label = nullptr;
  wxChoice* m_code = nullptr;
  wxCheckBox* m_subcodes = nullptr;
  wxChoice* m_coder = nullptr;
  VariableFilterBar* m_filters = nullptr;
  wxStaticText* m_summary = nullptr;
  KwicList* m_list = nullptr;
  std::vector<std::int64_t> m_code_ids;
};

}  // namespace tessera::app
