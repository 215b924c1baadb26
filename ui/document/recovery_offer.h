// The question asked at start about an autosaved copy that was never saved: restore it, keep it
// for later, discard it, or save the copy elsewhere. A copy that does not load never disappears
// without the user's say: the question names the reader's problem and keeps the copy on disk.
#pragma once

#include "document/recovery_files.h"

class QWidget;

namespace loopscope {

enum class RecoveryAnswer {
    Restore, // the caller restores it into the document
    Later,   // left on disk, offered again at the next start
    Settled, // discarded, or saved elsewhere and then discarded
};

// A modal QMessageBox (Restore, Save the Copy As…, Keep for Later, Discard). A copy that only
// fails validation can still be restored, to be fixed in the editor; one the reader cannot read
// has no Restore. Either way the problems are in the text (the first) and the details (all).
// Save the Copy As… asks for a path (QFileDialog), writes the copy's bytes there, and discards
// the copy only once they are written.
RecoveryAnswer askAboutRecovery(QWidget *parent, const RecoveryFile &recovery);

} // namespace loopscope
