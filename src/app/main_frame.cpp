#include "main_frame.h"

#include <wx/aboutdlg.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/filehistory.h>
#include <wx/filename.h>
#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>
#include <wx/stc/stc.h>
#include <wx/textdlg.h>

#include <algorithm>

#include "actions.h"
#include "code_commands.h"
#include "codebook_panel.h"
#include "coding_commands.h"
#include "dialogs.h"
#include "documents_panel.h"
#include "error.h"
#include "error_report.h"
#include "import_dialog.h"
#include "localization.h"
#include "memo_commands.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "report_actions.h"
#include "retrieval_panel.h"
#include "search_panel.h"
#include "search_provider.h"
#include "segments_panel.h"
#include "transcript_view.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

constexpr int kBreakTimerMs = 30'000;
constexpr int kSnoozeMinutes = 10;
constexpr int kBreakLaterId = wxID_HIGHEST + 40;
enum StatusField { kStatusMessage, kStatusDocument, kStatusCoder };

wxString ProjectWildcard() { return _("Tessera projects (*.tessera)|*.tessera|All files|*"); }

}  // namespace

MainFrame::MainFrame()
    : wxFrame(nullptr, wxID_ANY, "Tessera", wxDefaultPosition, wxSize(1400, 900)),
      m_workspace(std::make_unique<Workspace>()),
      m_history(std::make_unique<wxFileHistory>(9)),
      m_preferences(Preferences::Load()),
      m_reminder([this](int minutes) { OfferBreak(minutes); }),
      m_break_timer(this) {
  SetMinSize(FromDIP(wxSize(800, 500)));
  m_history->Load(*wxConfigBase::Get());
  BuildLayout();
  BuildMenuBar();
  CreateStatusBar(3);
  const int widths[] = {-3, -2, -1};
  GetStatusBar()->SetStatusWidths(3, widths);
  SetStatusBarPane(kStatusMessage);

  m_connection = m_workspace->Subscribe([this](Changes changes) { OnChanges(changes); });
  m_reminder.Configure(m_preferences.break_reminder, m_preferences.break_minutes);
  m_transcript->ApplyPreferences(m_preferences);

  Bind(wxEVT_MENU, &MainFrame::OnMenu, this);
  Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateUI, this, kActionFirst, kActionLast);
  Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateUI, this, wxID_UNDO);
  Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateUI, this, wxID_REDO);
  Bind(wxEVT_CLOSE_WINDOW, &MainFrame::OnClose, this);
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { OnBreakTimer(); });
  Bind(wxEVT_ACTIVATE, [this](wxActivateEvent& event) {
    m_active = event.GetActive();
    event.Skip();
  });
  m_break_timer.Start(kBreakTimerMs);
  UpdateTitle();
  UpdateStatus();
}

MainFrame::~MainFrame() {
  m_break_timer.Stop();
  m_aui.UnInit();
}

void MainFrame::BuildLayout() {
  m_aui.SetManagedWindow(this);
  m_documents = new DocumentsPanel(this, *m_workspace);
  m_codebook = new CodebookPanel(this, *m_workspace);
  m_transcript = new TranscriptView(this, *m_workspace);
  // The break reminder sits above the text being read, never over it and never modal.
  m_break_bar = m_transcript->BreakBar();
  m_break_bar->Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
    if (event.GetId() == kBreakLaterId) {
      m_reminder.Snooze(kSnoozeMinutes);
    } else {
      m_reminder.Reset();
    }
    m_break_bar->Dismiss();
  });

  m_segments = new SegmentsPanel(this, *m_workspace, *m_transcript);
  m_bottom = new wxNotebook(this, wxID_ANY);
  m_retrieval = new RetrievalPanel(m_bottom, *m_workspace);
  m_search = new SearchPanel(m_bottom, *m_workspace, MakeSearchProvider());
  m_bottom->AddPage(m_retrieval, _("Retrieval"));
  m_bottom->AddPage(m_search, _("Search"));

  m_aui.AddPane(m_documents, wxAuiPaneInfo()
                                 .Name("documents")
                                 .Left()
                                 .Layer(1)
                                 .Position(0)
                                 .BestSize(FromDIP(wxSize(330, 330)))
                                 .MinSize(FromDIP(wxSize(200, 120)))
                                 .CloseButton(false));
  m_aui.AddPane(m_codebook, wxAuiPaneInfo()
                                .Name("codebook")
                                .Left()
                                .Layer(1)
                                .Position(1)
                                .BestSize(FromDIP(wxSize(330, 420)))
                                .MinSize(FromDIP(wxSize(200, 150)))
                                .CloseButton(false));
  m_aui.AddPane(m_transcript, wxAuiPaneInfo().Name("transcript").CenterPane());
  m_aui.AddPane(m_segments, wxAuiPaneInfo()
                                .Name("segments")
                                .Right()
                                .Layer(1)
                                .BestSize(FromDIP(wxSize(340, 400)))
                                .MinSize(FromDIP(wxSize(200, 150)))
                                .CloseButton(false));
  m_aui.AddPane(m_bottom, wxAuiPaneInfo()
                              .Name("bottom")
                              .Bottom()
                              .Layer(0)
                              .BestSize(FromDIP(wxSize(800, 290)))
                              .MinSize(FromDIP(wxSize(300, 120)))
                              .CloseButton(false));
  RelabelAll();
  m_aui.Update();
  m_default_perspective = m_aui.SavePerspective();

  // Wiring views to actions.
  m_documents->on_open = [this](std::int64_t id) { OpenDocument(id); };
  m_documents->on_context_menu = [this] { ShowDocumentsMenu(); };
  m_codebook->on_apply = [this](std::int64_t code) {
    if (m_transcript->Selection()) {
      ApplyCodeToSelection(code);
    } else {
      // Nothing selected: show the code's segments instead.
      m_retrieval->ShowCode(code);
      m_bottom->SetSelection(0);
    }
  };
  m_codebook->on_move = [this](std::int64_t code, std::optional<std::int64_t> target, bool before) {
    MoveCode(code, target, before);
  };
  m_codebook->on_context_menu = [this] { ShowCodebookMenu(); };
  m_codebook->on_leave_search = [this] { m_transcript->TextCtrl()->SetFocus(); };
  m_transcript->on_quick_key = [this](int key) { ApplyQuickCode(key); };
  m_transcript->on_context_menu = [this] { ShowTranscriptMenu(); };
  m_transcript->on_coding_clicked = [this](std::int64_t coding) {
    m_segments->SelectCoding(coding);
  };
  m_transcript->on_selection_changed = [this] {
    m_reminder.NoteActivity(BreakReminder::Clock::now());
    UpdateStatus();
  };
  m_segments->on_context_menu = [this] { ShowSegmentsMenu(); };
  m_segments->on_edit_memo = [this] { EditDocumentMemo(); };
  m_segments->on_remove = [this] { RemoveCodings(m_segments->SelectedCodings()); };
  auto jump = [this](std::int64_t document, std::size_t start, std::size_t end) {
    if (m_transcript->DocumentId() != document && !OpenDocument(document)) return;
    m_transcript->SelectSpan(start, end);
  };
  m_retrieval->on_jump = jump;
  m_search->on_jump = jump;
  m_search->on_autocode = [this](std::int64_t code, std::vector<CodingTarget> targets) {
    Execute(std::make_unique<ApplyCodeCommand>(*m_workspace, std::move(targets), code,
                                               "search/auto-code"),
            _("The hits couldn't be coded."));
  };
}

void MainFrame::RelabelAll() {
  if (m_break_bar->GetButtonCount() > 0) {
    m_break_bar->RemoveButton(kBreakLaterId);
    m_break_bar->RemoveButton(wxID_OK);
  }
  m_break_bar->AddButton(kBreakLaterId, _("Remind me in 10 minutes"));
  m_break_bar->AddButton(wxID_OK, _("Thank you"));
  m_transcript->Relabel();
  m_aui.GetPane("documents").Caption(_("Transcripts"));
  m_aui.GetPane("codebook").Caption(_("Codebook"));
  m_aui.GetPane("segments").Caption(_("Coded Segments"));
  m_aui.GetPane("bottom").Caption(_("Retrieval and Search"));
  m_bottom->SetPageText(0, _("Retrieval"));
  m_bottom->SetPageText(1, _("Search"));
  m_documents->Relabel();
  m_codebook->Relabel();
  m_segments->Relabel();
  m_retrieval->Relabel();
  m_search->Relabel();
  m_aui.Update();
}

void MainFrame::BuildMenuBar() {
  auto add = [](wxMenu* menu, const char* id) {
    const ActionInfo* a = FindAction(id);
    if (!a) return;
    menu->Append(a->wx_id, MenuLabel(*a), HelpText(*a), a->kind);
  };
  auto* project = new wxMenu;
  add(project, "project/new");
  add(project, "project/open");
  auto* recent = new wxMenu;
  project->AppendSubMenu(recent, _("Open &Recent"));
  project->AppendSeparator();
  add(project, "project/import");
  add(project, "project/variables");
  add(project, "project/merge");
  project->AppendSeparator();
  AppendProjectExchangeItems(project);  // REFI-QDA and sealed copies (report_actions.cpp)
  project->AppendSeparator();
  add(project, "project/close");
  add(project, "project/quit");

  auto* edit = new wxMenu;
  add(edit, "edit/undo");
  add(edit, "edit/redo");
  edit->AppendSeparator();
  add(edit, "edit/find-code");
  add(edit, "edit/search");
  edit->AppendSeparator();
  add(edit, "edit/preferences");

  auto* document = new wxMenu;
  add(document, "document/memo");
  add(document, "document/content-note");
  add(document, "document/add-to-set");

  auto* coding = new wxMenu;
  add(coding, "coding/apply-code");
  auto* quick = new wxMenu;
  for (int key = 1; key <= kQuickCodeKeys; ++key)
    add(quick, FindAction(kCodingQuick1 + key - 1)->id);
  coding->AppendSubMenu(quick, _("&Quick Codes"));
  coding->AppendSeparator();
  add(coding, "coding/remove");
  add(coding, "coding/change-code");
  add(coding, "coding/memo");
  coding->AppendSeparator();
  add(coding, "coding/show-passage");

  auto* codebook = new wxMenu;
  add(codebook, "codebook/add-code");
  add(codebook, "codebook/add-child");
  add(codebook, "codebook/rename");
  add(codebook, "codebook/edit");
  add(codebook, "codebook/merge");
  add(codebook, "codebook/delete");
  codebook->AppendSeparator();
  add(codebook, "codebook/assign-key");
  add(codebook, "codebook/retrieve");
  add(codebook, "codebook/memo");
  AppendCodebookExchangeItems(codebook);  // .qdc and the printable codebook (report_actions.cpp)

  auto* view = new wxMenu;
  add(view, "view/stripes");
  add(view, "view/reset-layout");
  view->AppendSeparator();
  auto* languages = new wxMenu;
  languages->AppendRadioItem(kLanguageFirst, _("System Language"));
  const auto& ui = UiLanguages();
  for (std::size_t i = 0; i < ui.size(); ++i) {
    languages->AppendRadioItem(kLanguageFirst + 1 + static_cast<int>(i),
                               wxString::FromUTF8(ui[i].native_utf8));
  }
  int checked = kLanguageFirst;
  for (std::size_t i = 0; i < ui.size(); ++i) {
    if (m_preferences.language == ui[i].code) checked = kLanguageFirst + 1 + static_cast<int>(i);
  }
  languages->Check(checked, true);
  // TRANSLATORS: keep "Language" recognisable in English too, so that a lost user can find it.
  view->AppendSubMenu(
      languages,
      _("&Language") + (CurrentUiLanguage() == "en" ? wxString() : wxString(" / Language")));

  auto* analysis = new wxMenu;
  add(analysis, "analysis/matrix");
  add(analysis, "analysis/agreement");

  auto* coder = new wxMenu;  // filled in UpdateStatus
  auto* help = new wxMenu;
  add(help, "help/guide");
  add(help, "help/about");

  auto* bar = new wxMenuBar;
  bar->Append(project, _("&Project"));
  bar->Append(edit, _("&Edit"));
  bar->Append(document, _("&Document"));
  bar->Append(coding, _("&Coding"));
  bar->Append(codebook, _("Code&book"));
  bar->Append(analysis, _("&Analysis"));
  bar->Append(NewReportsMenu(), _("&Reports"));  // redaction review, quotes (report_actions.cpp)
  bar->Append(view, _("&View"));
  bar->Append(coder, _("C&oder"));
  bar->Append(help, _("&Help"));

  if (wxMenuBar* old = GetMenuBar()) {
    std::vector<wxMenu*> menus;
    for (wxObject* m : m_history->GetMenus()) menus.push_back(static_cast<wxMenu*>(m));
    for (wxMenu* m : menus) m_history->RemoveMenu(m);
    SetMenuBar(bar);
    delete old;
  } else {
    SetMenuBar(bar);
  }
  m_history->UseMenu(recent);
  m_history->AddFilesToMenu(recent);
  UpdateUndoLabels();
  UpdateStatus();
}

void MainFrame::SwitchLanguage(const wxString& code) {
  SetUiLanguage(code);
  m_preferences.language = code;
  m_preferences.Save();
  BuildMenuBar();
  RelabelAll();
  m_segments->Reload();
  UpdateTitle();
  UpdateStatus();
}

void MainFrame::UpdateTitle() {
  wxString title = "Tessera";
  if (m_workspace->HasProject()) {
    title << wxString::FromUTF8(" \xE2\x80\x94 ")
          << wxFileName(ToWx(m_workspace->GetProject().Path())).GetFullName();
  }
  SetTitle(title);
}

void MainFrame::UpdateStatus() {
  if (!GetStatusBar()) return;
  SetStatusText(wxString::Format(_("Coder: %s"), ToWx(m_workspace->Coder())), kStatusCoder);
  wxString where;
  if (m_transcript->DocumentId()) {
    where = ToWx(m_transcript->Info().name);
    if (auto span = m_transcript->Selection()) {
      where << wxString::FromUTF8(" \xC2\xB7 ")
            << wxString::Format(wxPLURAL("%zu character selected", "%zu characters selected",
                                         span->end - span->start),
                                span->end - span->start);
    }
  }
  SetStatusText(where, kStatusDocument);

  // The Coder menu: everyone the project knows, the acting coder checked.
  wxMenuBar* bar = GetMenuBar();
  if (!bar) return;
  const int index = bar->FindMenu(_("C&oder"));
  if (index == wxNOT_FOUND) return;
  wxMenu* menu = bar->GetMenu(static_cast<std::size_t>(index));
  while (menu->GetMenuItemCount() > 0) menu->Destroy(menu->FindItemByPosition(0));
  const auto coders = m_workspace->KnownCoders();
  for (std::size_t i = 0; i < coders.size() && kCoderFirst + static_cast<int>(i) <= kCoderLast;
       ++i) {
    const int id = kCoderFirst + static_cast<int>(i);
    menu->AppendRadioItem(id, ToWx(coders[i]));
    if (coders[i] == m_workspace->Coder()) menu->Check(id, true);
  }
  menu->AppendSeparator();
  const ActionInfo* other = FindAction("coder/switch");
  menu->Append(other->wx_id, MenuLabel(*other), HelpText(*other));
}

void MainFrame::UpdateUndoLabels() {
  wxMenuBar* bar = GetMenuBar();
  if (!bar) return;
  // "Undo Apply code": the command's own (translated) name after ours, not wx's "&Undo " prefix.
  wxCommandProcessor& commands = m_workspace->Commands();
  wxList& list = commands.GetCommands();
  wxCommand* current = commands.GetCurrentCommand();
  wxList::compatibility_iterator node;
  if (current) node = list.Find(current);
  wxList::compatibility_iterator next = list.GetFirst();
  if (node) next = node->GetNext();
  if (wxMenuItem* undo = bar->FindItem(wxID_UNDO)) {
    wxString label = _("&Undo");
    if (current) label << " " << current->GetName();
    undo->SetItemLabel(label + "\tCtrl+Z");
  }
  if (wxMenuItem* redo = bar->FindItem(wxID_REDO)) {
    wxString label = _("&Redo");
    if (next) label << " " << static_cast<wxCommand*>(next->GetData())->GetName();
    redo->SetItemLabel(label + "\tCtrl+Y");
  }
}

void MainFrame::OnChanges(Changes changes) {
  if (changes.Has(Change::Project)) {
    UpdateTitle();
    m_segments->Reload();
  }
  if (changes.Has(Change::Codings) || changes.Has(Change::Codebook)) m_segments->Reload();
  if (changes.Has(Change::Coder) || changes.Has(Change::Project) || changes.Has(Change::Codings))
    UpdateStatus();
  CallAfter([this] { UpdateUndoLabels(); });
}

bool MainFrame::Execute(std::unique_ptr<ProjectCommand> command, const wxString& headline) {
  if (!m_workspace->HasProject()) return false;
  bool changed = false;
  tessera::app::RunAction(this, headline,
                          [&] { changed = m_workspace->Execute(std::move(command)); });
  UpdateUndoLabels();
  return changed;
}

bool MainFrame::OpenProject(const wxString& path) {
  return tessera::app::RunAction(
      this,
      wxString::Format(_("The project \"%s\" couldn't be opened."), wxFileName(path).GetFullName()),
      [&] {
        Project project = Project::Open(FromWx(path));
        m_workspace->Open(std::move(project));
        m_history->AddFileToHistory(path);
        m_history->Save(*wxConfigBase::Get());
        wxConfigBase::Get()->Flush();
      });
}

bool MainFrame::OpenDocument(std::int64_t document) {
  if (!m_workspace->HasProject()) return false;
  return tessera::app::RunAction(this, _("The transcript couldn't be opened."), [&] {
    const DocumentInfo info = DocumentStore(m_workspace->GetProject().Db()).Info(document);
    if (!info.content_note.empty() && m_transcript->DocumentId() != document) {
      const bool open = content_note_prompt
                            ? content_note_prompt(info)
                            : ShowContentNoteDialog(this, ToWx(info.name), info.content_note);
      if (!open) throw Cancelled();
    }
    m_transcript->ShowDocument(document);
    m_documents->SelectDocument(document);
    m_segments->Reload();
    m_reminder.NoteActivity(BreakReminder::Clock::now());
    UpdateStatus();
  });
}

bool MainFrame::ApplyCodeToSelection(std::int64_t code) {
  const auto document = m_transcript->DocumentId();
  const auto span = m_transcript->Selection();
  if (!document || !span) {
    SetStatusText(_("Select some text in the transcript first."), kStatusMessage);
    return false;
  }
  const Code* c = m_workspace->FindCode(code);
  if (c && !c->codable) {
    SetStatusText(wxString::Format(_("\"%s\" groups other codes and cannot be applied to text."),
                                   ToWx(c->name)),
                  kStatusMessage);
    return false;
  }
  const bool changed =
      Execute(std::make_unique<ApplyCodeCommand>(
                  *m_workspace, std::vector<CodingTarget>{{*document, *span}}, code),
              _("The code couldn't be applied."));
  if (changed && c) {
    SetStatusText(wxString::Format(_("Coded as \"%s\"."), ToWx(c->name)), kStatusMessage);
  } else if (c) {
    SetStatusText(wxString::Format(_("Already coded as \"%s\" by you."), ToWx(c->name)),
                  kStatusMessage);
  }
  m_reminder.NoteActivity(BreakReminder::Clock::now());
  return changed;
}

bool MainFrame::ApplyQuickCode(int key) {
  const auto code = m_workspace->QuickCode(key);
  if (!code) {
    SetStatusText(
        wxString::Format(_("No code is on key %d. Use Codebook > Put on Quick Key."), key),
        kStatusMessage);
    return false;
  }
  return ApplyCodeToSelection(*code);
}

bool MainFrame::RunAction(const std::string& action_id) {
  const ActionInfo* action = FindAction(action_id);
  if (!action) return false;
  wxCommandEvent event(wxEVT_MENU, action->wx_id);
  OnMenu(event);
  return true;
}

void MainFrame::OnMenu(wxCommandEvent& event) {
  const int id = event.GetId();
  if (id >= kCodingQuick1 && id <= kCodingQuick9) {
    ApplyQuickCode(id - kCodingQuick1 + 1);
    return;
  }
  if (id >= kLanguageFirst && id <= kLanguageLast) {
    const int index = id - kLanguageFirst - 1;
    const auto& ui = UiLanguages();
    CallAfter([this, code = index < 0 || static_cast<std::size_t>(index) >= ui.size()
                                ? wxString()
                                : wxString(ui[index].code)] { SwitchLanguage(code); });
    return;
  }
  if (id >= kCoderFirst && id <= kCoderLast) {
    const auto coders = m_workspace->KnownCoders();
    const auto index = static_cast<std::size_t>(id - kCoderFirst);
    if (index < coders.size()) SwitchCoder(coders[index]);
    return;
  }
  if (id >= wxID_FILE1 && id <= wxID_FILE9) {
    const wxString path = m_history->GetHistoryFile(static_cast<std::size_t>(id - wxID_FILE1));
    if (!OpenProject(path)) {
      m_history->RemoveFileFromHistory(static_cast<std::size_t>(id - wxID_FILE1));
      m_history->Save(*wxConfigBase::Get());
    }
    return;
  }
  if (RunReportAction(*this, id)) return;  // reports and exchange (report_actions.cpp)
  const auto selected_coding = [this] { return TargetCoding(); };
  switch (id) {
    case kProjectNew:
      NewProject();
      break;
    case kProjectOpen:
      ChooseAndOpenProject();
      break;
    case kProjectClose:
      CloseProject();
      break;
    case kProjectImport:
      ImportTranscripts();
      break;
    case kProjectVariables:
      ImportVariables();
      break;
    case kProjectQuit:
      Close();
      break;
    case wxID_UNDO:
      tessera::app::RunAction(this, _("The action couldn't be undone."),
                              [this] { m_workspace->Undo(); });
      UpdateUndoLabels();
      break;
    case wxID_REDO:
      tessera::app::RunAction(this, _("The action couldn't be redone."),
                              [this] { m_workspace->Redo(); });
      UpdateUndoLabels();
      break;
    case kEditFindCode:
      m_codebook->FocusSearch();
      break;
    case kEditSearch:
      m_bottom->SetSelection(1);
      m_search->FocusQuery();
      break;
    case kEditPreferences:
      EditPreferences();
      break;
    case kDocumentMemo:
      EditDocumentMemo();
      break;
    case kDocumentContentNote:
      EditContentNote();
      break;
    case kDocumentAddToSet:
      AddDocumentsToSet();
      break;
    case kCodingApply:
      if (auto code = m_codebook->SelectedCode()) ApplyCodeToSelection(*code);
      break;
    case kCodingRemove: {
      auto codings = m_segments->SelectedCodings();
      if (codings.empty()) {
        if (auto c = selected_coding()) codings = {*c};
      }
      RemoveCodings(codings);
      break;
    }
    case kCodingChangeCode:
      if (auto c = selected_coding()) ChangeCodingCode(*c);
      break;
    case kCodingMemo:
      if (auto c = selected_coding()) EditCodingMemo(*c);
      break;
    case kCodingShowPassage:
      ShowPassageAtCaret();
      break;
    case kCodebookAdd:
      AddCode(false);
      break;
    case kCodebookAddChild:
      AddCode(true);
      break;
    case kCodebookRename:
      RenameCode();
      break;
    case kCodebookEdit:
      EditCode();
      break;
    case kCodebookMerge:
      MergeCode();
      break;
    case kCodebookDelete:
      DeleteCode();
      break;
    case kCodebookAssignKey:
      AssignQuickKey();
      break;
    case kCodebookMemo:
      EditCodeMemo();
      break;
    case kCodebookRetrieve:
      if (auto code = m_codebook->SelectedCode()) {
        m_retrieval->ShowCode(*code);
        m_bottom->SetSelection(0);
      }
      break;
    case kViewStripes:
      m_transcript->ShowStripes(!m_transcript->StripesShown());
      break;
    case kViewResetLayout:
      m_aui.LoadPerspective(m_default_perspective);
      RelabelAll();
      break;
    case kCoderSwitch:
      OtherCoder();
      break;
    case kHelpGuide:
      ShowGuide();
      break;
    case kHelpAbout:
      ShowAbout();
      break;
    case kAnalysisMatrix:
      ShowThemeMatrix();
      break;
    case kAnalysisAgreement:
      ShowAgreement();
      break;
    case kProjectMerge:
      ShowMergeDialog();
      break;
    default:
      event.Skip();
  }
}

void MainFrame::OnUpdateUI(wxUpdateUIEvent& event) {
  const int id = event.GetId();
  const bool project = m_workspace->HasProject();
  const bool document = m_transcript->DocumentId().has_value();
  const bool code = m_codebook->SelectedCode().has_value();
  if (UpdateReportAction(*this, event)) return;  // reports and exchange (report_actions.cpp)
  switch (id) {
    case wxID_UNDO:
      event.Enable(m_workspace->Commands().CanUndo());
      break;
    case wxID_REDO:
      event.Enable(m_workspace->Commands().CanRedo());
      break;
    case kProjectClose:
    case kProjectImport:
    case kProjectVariables:
    case kAnalysisMatrix:
    case kAnalysisAgreement:
    case kProjectMerge:
    case kEditFindCode:
    case kCodebookAdd:
      event.Enable(project);
      break;
    case kEditSearch:
      event.Enable(project);
      break;
    case kDocumentMemo:
    case kDocumentContentNote:
      event.Enable(document);
      break;
    case kDocumentAddToSet:
      event.Enable(project && !m_documents->SelectedDocuments().empty());
      break;
    case kCodingApply:
      event.Enable(document && code);
      break;
    case kCodingRemove:
    case kCodingChangeCode:
    case kCodingMemo:
      event.Enable(document &&
                   (TargetCoding().has_value() || !m_segments->SelectedCodings().empty()));
      break;
    case kCodingShowPassage:
      event.Enable(document && m_transcript->MaskedCodingAtCaret().has_value());
      break;
    case kCodebookAddChild:
    case kCodebookRename:
    case kCodebookEdit:
    case kCodebookMerge:
    case kCodebookDelete:
    case kCodebookAssignKey:
    case kCodebookRetrieve:
    case kCodebookMemo:
      event.Enable(code);
      break;
    case kViewStripes:
      event.Check(m_transcript->StripesShown());
      break;
    default:
      if (id >= kCodingQuick1 && id <= kCodingQuick9) {
        const auto quick = m_workspace->QuickCode(id - kCodingQuick1 + 1);
        event.Enable(document && quick.has_value());
        const ActionInfo* a = FindAction(id);
        wxString label = wxGetTranslation(a->label);
        if (quick) {
          if (const Code* c = m_workspace->FindCode(*quick)) label << ": " << ToWx(c->name);
        }
        event.SetText(label + "\t" + a->shortcut);
      }
      break;
  }
}

std::optional<std::int64_t> MainFrame::TargetCoding() const {
  const auto selected = m_segments->SelectedCodings();
  if (!selected.empty()) return selected.front();
  const auto at = m_transcript->CodingsAtCaret();
  if (at.empty()) return std::nullopt;
  return at.front()->id;
}

void MainFrame::OnClose(wxCloseEvent& event) {
  m_history->Save(*wxConfigBase::Get());
  m_preferences.Save();
  event.Skip();
}

// ---- Project

void MainFrame::NewProject() {
  wxFileDialog dialog(this, _("Create a project"), wxString(), _("study.tessera"),
                      ProjectWildcard(), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  wxString path = dialog.GetPath();
  if (!path.EndsWith(".tessera")) path << ".tessera";
  tessera::app::RunAction(this,
                          wxString::Format(_("The project \"%s\" couldn't be created."),
                                           wxFileName(path).GetFullName()),
                          [&] {
                            Project project = Project::Create(FromWx(path));
                            m_workspace->Open(std::move(project));
                            m_history->AddFileToHistory(path);
                          });
}

void MainFrame::ChooseAndOpenProject() {
  wxFileDialog dialog(this, _("Open a project"), wxString(), wxString(), ProjectWildcard(),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() == wxID_OK) OpenProject(dialog.GetPath());
}

void MainFrame::CloseProject() { m_workspace->Close(); }

void MainFrame::ImportTranscripts() {
  if (!m_workspace->HasProject()) return;
  ImportRequest request;
  if (!ShowImportDialog(this, request)) return;
  ShowImportSummary(this, ImportWithProgress(this, *m_workspace, request));
}

void MainFrame::ImportVariables() {
  if (!m_workspace->HasProject()) return;
  wxFileDialog dialog(this, _("Choose a variables CSV"), wxString(), wxString(),
                      _("CSV files (*.csv)|*.csv|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() != wxID_OK) return;
  VariableImportReport report;
  const bool ok = tessera::app::RunAction(
      this, _("The variables couldn't be imported. Nothing was changed."), [&] {
        Project& project = m_workspace->GetProject();
        Transaction tx(project.Db());
        report = VariableStore(project.Db()).ImportCsv(FromWx(dialog.GetPath()));
        project.Audit("project/import-variables",
                      {{"file", FromWx(wxFileName(dialog.GetPath()).GetFullName())},
                       {"values", report.values}});
        project.Touch();
        tx.Commit();
      });
  m_workspace->Notify(Change::Variables | Change::Documents);
  if (!ok) return;
  wxMessageDialog done(
      this,
      wxString::Format(wxPLURAL("%zu value was set.", "%zu values were set.", report.values),
                       report.values),
      _("Variables"), wxOK | wxICON_INFORMATION);
  if (!report.warnings.empty()) {
    wxString detail;
    for (const auto& w : report.warnings) detail << ToWx(w) << "\n";
    done.SetExtendedMessage(detail);
  }
  done.ShowModal();
}

// ---- Documents

void MainFrame::EditDocumentMemo() {
  const auto document = m_transcript->DocumentId();
  if (!document) return;
  const std::string current = MemoText(m_workspace->GetProject(), "document", *document);
  auto text = ShowMemoDialog(
      this, _("Transcript Memo"),
      wxString::Format(_("Memo on \"%s\":"), ToWx(m_transcript->Info().name)), current);
  if (!text) return;
  Execute(std::make_unique<SetMemoCommand>(*m_workspace, "document", *document, *text),
          _("The memo couldn't be saved."));
}

void MainFrame::EditContentNote() {
  const auto document = m_transcript->DocumentId();
  if (!document) return;
  auto note = ShowMemoDialog(
      this, _("Content Note"),
      _("Shown before this transcript opens, so that readers can prepare (leave empty for none):"),
      m_transcript->Info().content_note);
  if (!note) return;
  Execute(std::make_unique<SetContentNoteCommand>(*m_workspace, *document, *note),
          _("The content note couldn't be saved."));
}

void MainFrame::AddDocumentsToSet() {
  const auto documents = m_documents->SelectedDocuments();
  if (documents.empty()) return;
  wxTextEntryDialog dialog(this, _("Name of the set (a new name makes a new set):"),
                           _("Add to Set"));
  if (dialog.ShowModal() != wxID_OK || dialog.GetValue().Trim().empty()) return;
  Execute(std::make_unique<AddToSetCommand>(*m_workspace, documents,
                                            FromWx(dialog.GetValue().Trim().Trim(false))),
          _("The transcripts couldn't be added to the set."));
}

// ---- Codings

void MainFrame::RemoveCodings(const std::vector<std::int64_t>& codings) {
  if (codings.empty()) return;
  Execute(std::make_unique<RemoveCodingsCommand>(*m_workspace, codings),
          _("The coding couldn't be removed."));
}

void MainFrame::ChangeCodingCode(std::int64_t coding) {
  auto code =
      ShowCodePickerDialog(this, *m_workspace, _("Change Code"), _("Give this coding the code:"));
  if (!code) return;
  Execute(std::make_unique<ChangeCodingCodeCommand>(*m_workspace, coding, *code),
          _("The coding's code couldn't be changed."));
}

void MainFrame::EditCodingMemo(std::int64_t coding) {
  std::string current;
  tessera::app::RunAction(this, _("The coding couldn't be read."), [&] {
    current = CodingStore(m_workspace->GetProject().Db()).Get(coding).memo;
  });
  auto text = ShowMemoDialog(this, _("Coding Memo"), _("Memo on this coding:"), current);
  if (!text) return;
  Execute(std::make_unique<SetCodingMemoCommand>(*m_workspace, coding, *text),
          _("The memo couldn't be saved."));
}

void MainFrame::ShowPassageAtCaret() {
  if (auto coding = m_transcript->MaskedCodingAtCaret()) m_transcript->RevealCoding(*coding);
  m_segments->Reload();
}

// ---- Codebook

void MainFrame::AddCode(bool as_child) {
  if (!m_workspace->HasProject()) return;
  std::optional<std::int64_t> parent;
  if (as_child) {
    parent = m_codebook->SelectedCode();
    if (!parent) return;
  }
  Code code;
  code.codable = true;
  if (!ShowCodeEditorDialog(this, *m_workspace, code, true)) return;
  auto command = std::make_unique<AddCodeCommand>(*m_workspace, parent, code.name, code.color);
  const std::string guid = command->Guid();
  if (!Execute(std::move(command),
               wxString::Format(_("The code \"%s\" couldn't be added."), ToWx(code.name))))
    return;
  if (const Code* added = m_workspace->FindCodeByGuid(guid)) {
    // The texts and flags go in as a second, separate step of the same dialog.
    Code details = code;
    details.id = added->id;
    details.parent_id = added->parent_id;
    if (!code.description.empty() || !code.inclusion.empty() || !code.exclusion.empty() ||
        !code.example.empty() || code.sensitive) {
      Execute(std::make_unique<UpdateCodeCommand>(*m_workspace, details),
              _("The code's details couldn't be saved."));
    }
    m_codebook->SelectCode(details.id);
  }
}

void MainFrame::RenameCode() {
  const auto code = m_codebook->SelectedCode();
  const Code* c = code ? m_workspace->FindCode(*code) : nullptr;
  if (!c) return;
  wxTextEntryDialog dialog(this, _("New name:"), _("Rename Code"), ToWx(c->name));
  if (dialog.ShowModal() != wxID_OK) return;
  const std::string name = FromWx(dialog.GetValue().Trim().Trim(false));
  if (name.empty()) return;
  Execute(std::make_unique<RenameCodeCommand>(*m_workspace, *code, name),
          _("The code couldn't be renamed."));
}

void MainFrame::EditCode() {
  const auto code = m_codebook->SelectedCode();
  const Code* c = code ? m_workspace->FindCode(*code) : nullptr;
  if (!c) return;
  Code edited = *c;
  if (!ShowCodeEditorDialog(this, *m_workspace, edited, false)) return;
  Execute(std::make_unique<UpdateCodeCommand>(*m_workspace, edited),
          _("The code couldn't be changed."));
}

void MainFrame::MergeCode() {
  const auto code = m_codebook->SelectedCode();
  const Code* c = code ? m_workspace->FindCode(*code) : nullptr;
  if (!c) return;
  auto into = ShowCodePickerDialog(
      this, *m_workspace, _("Merge Codes"),
      wxString::Format(_("Merge \"%s\" into (its codings, sub-codes and memos move there):"),
                       ToWx(c->path)),
      *code, false);
  if (!into) return;
  Execute(std::make_unique<MergeCodeCommand>(*m_workspace, *code, *into),
          _("The codes couldn't be merged."));
}

void MainFrame::DeleteCode() {
  const auto code = m_codebook->SelectedCode();
  if (!code) return;
  auto choice = ShowDeleteCodeDialog(this, *m_workspace, *code);
  if (!choice) return;
  Execute(
      std::make_unique<DeleteCodeCommand>(*m_workspace, *code, choice->policy, choice->recode_to),
      _("The code couldn't be deleted."));
}

void MainFrame::AssignQuickKey() {
  const auto code = m_codebook->SelectedCode();
  if (!code) return;
  auto key = ShowQuickKeyDialog(this, *m_workspace, *code);
  if (!key) return;
  if (*key == 0) {
    if (const int current = m_workspace->QuickKeyOf(*code))
      m_workspace->SetQuickCode(current, std::nullopt);
  } else {
    m_workspace->SetQuickCode(*key, *code);
  }
}

void MainFrame::EditCodeMemo() {
  const auto code = m_codebook->SelectedCode();
  const Code* c = code ? m_workspace->FindCode(*code) : nullptr;
  if (!c) return;
  const std::string current = MemoText(m_workspace->GetProject(), "code", *code);
  auto text =
      ShowMemoDialog(this, _("Code Memo"),
                     wxString::Format(_("Memo on the code \"%s\":"), ToWx(c->path)), current);
  if (!text) return;
  Execute(std::make_unique<SetMemoCommand>(*m_workspace, "code", *code, *text),
          _("The memo couldn't be saved."));
}

void MainFrame::MoveCode(std::int64_t code, std::optional<std::int64_t> target, bool before) {
  std::optional<std::int64_t> parent = target;
  std::optional<std::int64_t> rank;
  if (before && target) {
    // Before the target, among the target's siblings.
    const Code* t = m_workspace->FindCode(*target);
    if (!t) return;
    parent = t->parent_id;
    std::int64_t r = 0;
    for (const auto& c : m_workspace->Codes()) {
      if (c.parent_id != parent || c.id == code) continue;
      if (c.id == *target) break;
      ++r;
    }
    rank = r;
  }
  Execute(std::make_unique<MoveCodeCommand>(*m_workspace, code, parent, rank),
          _("The code couldn't be moved."));
  m_codebook->SelectCode(code);
}

// ---- Coder, preferences, help

void MainFrame::SwitchCoder(const std::string& name) {
  m_workspace->SetCoder(name);
  SetStatusText(wxString::Format(_("You are now coding as %s."), ToWx(name)), kStatusMessage);
}

void MainFrame::OtherCoder() {
  wxTextEntryDialog dialog(this, _("Code as (a name the team will recognise):"), _("Coder"),
                           ToWx(m_workspace->Coder()));
  if (dialog.ShowModal() != wxID_OK) return;
  const std::string name = FromWx(dialog.GetValue().Trim().Trim(false));
  if (!name.empty()) SwitchCoder(name);
}

void MainFrame::EditPreferences() {
  Preferences edited = m_preferences;
  if (!ShowPreferencesDialog(this, edited)) return;
  m_preferences = edited;
  m_preferences.Save();
  m_reminder.Configure(m_preferences.break_reminder, m_preferences.break_minutes);
  m_transcript->ApplyPreferences(m_preferences);
  m_segments->Reload();
  m_retrieval->Run();
}

void MainFrame::ShowGuide() {
  wxMessageDialog dialog(this, _("The Tessera workspace"), _("Keyboard and Layout"),
                         wxOK | wxICON_INFORMATION);
  dialog.SetExtendedMessage(_(
      "Left: transcripts (filter with words or variable=value) and the codebook.\n"
      "Middle: the transcript, with coding stripes on its right.\n"
      "Right: the coded segments of the transcript and its memo.\n"
      "Below: retrieval of a code's segments, and search.\n\n"
      "Select text, then:\n"
      "  double-click a code, or drag the text onto it;\n"
      "  press 1-9 for the quick codes (Alt+1-9 anywhere);\n"
      "  Ctrl+K, type part of a code's name, Enter.\n"
      "Ctrl+Z undoes and Ctrl+Y redoes every coding action.\n"
      "Click a stripe to select its segment. Grey passages are hidden because of a sensitive code: "
      "click one to choose to see it."));
  dialog.ShowModal();
}

void MainFrame::ShowAbout() {
  wxAboutDialogInfo info;
  info.SetName("Tessera");
  info.SetVersion(TESSERA_VERSION);
  info.SetDescription(
      _("Qualitative coding of interview transcripts, with care for the people who read them."));
  wxAboutBox(info, this);
}

// ---- Context menus

void MainFrame::ShowTranscriptMenu() {
  wxMenu menu;
  auto add = [&menu](const char* id) {
    const ActionInfo* a = FindAction(id);
    menu.Append(a->wx_id, wxGetTranslation(a->label));
  };
  if (m_transcript->MaskedCodingAtCaret()) {
    add("coding/show-passage");
    menu.AppendSeparator();
  }
  if (m_transcript->Selection()) {
    auto* quick = new wxMenu;
    for (int key = 1; key <= kQuickCodeKeys; ++key) {
      if (auto code = m_workspace->QuickCode(key)) {
        if (const Code* c = m_workspace->FindCode(*code))
          quick->Append(kCodingQuick1 + key - 1, wxString::Format("%d  ", key) + ToWx(c->name));
      }
    }
    if (auto code = m_codebook->SelectedCode()) {
      if (const Code* c = m_workspace->FindCode(*code)) {
        menu.Append(kCodingApply, wxString::Format(_("Code as \"%s\""), ToWx(c->name)));
      }
    }
    menu.AppendSubMenu(quick, _("Code with a Quick Code"));
    menu.AppendSeparator();
  }
  if (!m_transcript->CodingsAtCaret().empty()) {
    add("coding/remove");
    add("coding/change-code");
    add("coding/memo");
    menu.AppendSeparator();
  }
  add("document/memo");
  PopupMenu(&menu);
}

void MainFrame::ShowCodebookMenu() {
  wxMenu menu;
  for (const char* id : {"codebook/add-code", "codebook/add-child", "codebook/rename",
                         "codebook/edit", "codebook/merge", "codebook/delete", "",
                         "codebook/assign-key", "codebook/retrieve", "codebook/memo"}) {
    if (!*id) {
      menu.AppendSeparator();
      continue;
    }
    const ActionInfo* a = FindAction(id);
    menu.Append(a->wx_id, wxGetTranslation(a->label));
  }
  PopupMenu(&menu);
}

void MainFrame::ShowDocumentsMenu() {
  wxMenu menu;
  const ActionInfo* a = FindAction("document/add-to-set");
  menu.Append(a->wx_id, wxGetTranslation(a->label));
  PopupMenu(&menu);
}

void MainFrame::ShowSegmentsMenu() {
  wxMenu menu;
  for (const char* id : {"coding/remove", "coding/change-code", "coding/memo"}) {
    const ActionInfo* a = FindAction(id);
    menu.Append(a->wx_id, wxGetTranslation(a->label));
  }
  PopupMenu(&menu);
}

// ---- Caring: the break reminder

void MainFrame::OnBreakTimer() {
  const bool reading = m_active && m_transcript->DocumentId().has_value();
  m_reminder.Tick(BreakReminder::Clock::now(), reading);
}

void MainFrame::OfferBreak(int minutes) {
  m_break_bar->ShowMessage(
      wxString::Format(wxPLURAL("%d minute of reading. Time for a short break?",
                                "%d minutes of reading. Time for a short break?",
                                static_cast<unsigned>(minutes)),
                       minutes),
      wxICON_INFORMATION);
}

}  // namespace tessera::app
