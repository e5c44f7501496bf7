// One row as a line of COPY text format (tab-separated, \N for NULL,
// backslash escapes), for reject files a user can fix and load with
// `\copy table FROM 'file'`.
#pragma once

#include <string>

#include "core/row_batch.hpp"

namespace cutover::pg {

// One value in PostgreSQL's text form, unescaped ("" for NULL).
std::string copy_text_value(const RowBatch& batch, size_t row, size_t col);

// The line without the trailing newline.
std::string copy_text_line(const RowBatch& batch, size_t row);

}  // namespace cutover::pg
