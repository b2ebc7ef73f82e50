#include "workspace.h"

#include <wx/config.h>

#include <algorithm>
#include <set>

#include "error.h"
#include "project/database.h"
#include "project_command.h"
#include "project_queries.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

// Distinct, calm colours for codes that have none of their own (readable behind dark text).
constexpr unsigned kPalette[] = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948,
                                 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC, 0x86BCB6, 0xD37295};

wxString QuickCodesPath(Project& project) {
  return "/Projects/" + ToWx(project.Guid()) + "/QuickCodes";
}

}  // namespace

Workspace::Workspace() : m_coder(DefaultUserName()), m_commands(200) {}

Workspace::~Workspace() = default;

Project& Workspace::GetProject() {
  if (!m_project) throw ProgrammingError("no project is open");
  return *m_project;
}

void Workspace::Open(Project project) {
  m_commands.ClearCommands();
  m_project = std::make_unique<Project>(std::move(project));
  m_project->SetCurrentUser(m_coder);
  m_codes.reset();
  m_counts.reset();
  LoadQuickCodes();
  m_signal.Emit(Change::Project);
}

void Workspace::Close() {
  if (!m_project) return;
  m_commands.ClearCommands();
  m_project.reset();
  m_codes.reset();
  m_counts.reset();
  m_quick = {};
  m_signal.Emit(Change::Project);
}

std::string Workspace::Coder() const { return m_coder; }

void Workspace::SetCoder(const std::string& name) {
  if (name.empty() || name == m_coder) return;
  m_coder = name;
  if (m_project) m_project->SetCurrentUser(name);
  m_signal.Emit(Change::Coder);
}

std::vector<std::string> Workspace::KnownCoders() {
  std::vector<std::string> names;
  if (m_project) names = UserNames(m_project->Db());
  if (std::find(names.begin(), names.end(), m_coder) == names.end()) names.push_back(m_coder);
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<Code>& Workspace::Codes() {
  if (!m_codes) {
    m_codes.emplace();
    m_code_index.clear();
    m_guid_index.clear();
    if (m_project) *m_codes = CodeTree(m_project->Db()).All();
    for (std::size_t i = 0; i < m_codes->size(); ++i) {
      m_code_index[(*m_codes)[i].id] = i;
      m_guid_index[(*m_codes)[i].guid] = i;
    }
  }
  return *m_codes;
}

const Code* Workspace::FindCode(std::int64_t id) {
  const auto& codes = Codes();
  auto it = m_code_index.find(id);
  return it == m_code_index.end() ? nullptr : &codes[it->second];
}

const Code* Workspace::FindCodeByGuid(const std::string& guid) {
  const auto& codes = Codes();
  auto it = m_guid_index.find(guid);
  return it == m_guid_index.end() ? nullptr : &codes[it->second];
}

const std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>& Workspace::CodeCounts() {
  if (!m_counts) {
    m_counts.emplace();
    if (m_project) {
      for (const auto& [id, counts] : CodeTree(m_project->Db()).Counts()) (*m_counts)[id] = counts;
    }
  }
  return *m_counts;
}

wxColour Workspace::CodeColour(const Code& code) const {
  if (code.color.size() == 7 && code.color[0] == '#') {
    wxColour colour(ToWx(code.color));
    if (colour.IsOk()) return colour;
  }
  const unsigned rgb = kPalette[static_cast<std::size_t>(code.id) % std::size(kPalette)];
  return wxColour((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
}

std::optional<std::int64_t> Workspace::QuickCode(int key) {
  if (key < 1 || key > kQuickCodeKeys) return std::nullopt;
  const std::string& guid = m_quick[static_cast<std::size_t>(key - 1)];
  if (guid.empty()) return std::nullopt;
  if (const Code* code = FindCodeByGuid(guid)) return code->id;
  return std::nullopt;
}

void Workspace::SetQuickCode(int key, std::optional<std::int64_t> code) {
  if (key < 1 || key > kQuickCodeKeys) return;
  std::string guid;
  if (code) {
    if (const Code* c = FindCode(*code)) guid = c->guid;
  }
  // A code sits on one key at most.
  if (!guid.empty()) {
    for (auto& g : m_quick) {
      if (g == guid) g.clear();
    }
  }
  m_quick[static_cast<std::size_t>(key - 1)] = guid;
  SaveQuickCodes();
  m_signal.Emit(Change::QuickCodes);
}

int Workspace::QuickKeyOf(std::int64_t code) {
  const Code* c = FindCode(code);
  if (!c) return 0;
  for (int key = 1; key <= kQuickCodeKeys; ++key) {
    if (m_quick[static_cast<std::size_t>(key - 1)] == c->guid) return key;
  }
  return 0;
}

void Workspace::LoadQuickCodes() {
  m_quick = {};
  if (!m_project) return;
  wxConfigBase* config = wxConfigBase::Get();
  bool any = false;
  if (config) {
    const wxString path = QuickCodesPath(*m_project);
    for (int key = 1; key <= kQuickCodeKeys; ++key) {
      wxString guid;
      if (config->Read(path + wxString::Format("/%d", key), &guid) && !guid.empty()) {
        m_quick[static_cast<std::size_t>(key - 1)] = FromWx(guid);
        any = true;
      }
    }
    if (config->HasEntry(path + "/Assigned")) any = true;
  }
  if (!any) {
    // A project never set up: keys 1-9 start on the first nine codes that can be applied and
    // have no sub-codes (the themes a coder applies most), in codebook order.
    std::set<std::int64_t> parents;
    for (const auto& code : Codes()) {
      if (code.parent_id) parents.insert(*code.parent_id);
    }
    std::size_t key = 0;
    for (const auto& code : Codes()) {
      if (!code.codable || parents.count(code.id)) continue;
      m_quick[key++] = code.guid;
      if (key == m_quick.size()) break;
    }
  }
}

void Workspace::SaveQuickCodes() {
  wxConfigBase* config = wxConfigBase::Get();
  if (!config || !m_project) return;
  const wxString path = QuickCodesPath(*m_project);
  for (int key = 1; key <= kQuickCodeKeys; ++key) {
    config->Write(path + wxString::Format("/%d", key),
                  ToWx(m_quick[static_cast<std::size_t>(key - 1)]));
  }
  config->Write(path + "/Assigned", true);
  config->Flush();
}

void Workspace::RethrowPending() {
  if (m_pending_error) {
    auto error = std::move(m_pending_error);
    m_pending_error = nullptr;
    std::rethrow_exception(error);
  }
}

bool Workspace::Execute(std::unique_ptr<ProjectCommand> command) {
  m_pending_error = nullptr;
  const bool done = m_commands.Submit(command.release());
  RethrowPending();
  return done;
}

bool Workspace::Undo() {
  m_pending_error = nullptr;
  const bool done = m_commands.CanUndo() && m_commands.Undo();
  RethrowPending();
  return done;
}

bool Workspace::Redo() {
  m_pending_error = nullptr;
  const bool done = m_commands.CanRedo() && m_commands.Redo();
  RethrowPending();
  return done;
}

void Workspace::Notify(Changes changes) {
  if (changes.Has(Change::Codebook)) m_codes.reset();
  if (changes.Has(Change::Codebook) || changes.Has(Change::Codings)) m_counts.reset();
  m_signal.Emit(changes);
}

}  // namespace tessera::app
