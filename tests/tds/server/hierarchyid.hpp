// hierarchyid values: SQL Server's binary form and its ToString() text.
//
// The binary form is a bit string, left-packed into bytes and padded with
// zero bits. Each label is a prefix code choosing a range, the offset in
// that range spread over the pattern's x bits, and a last bit: 1 when the
// label ends a level ("/"), 0 when a "." follows (the label is then stored
// as label + 1, minus one: the last bit drops to 0). Patterns as
// Microsoft.SqlServer.Types documents them in its KnownPatterns (ranges
// 0..3 "01xxT" through -4294971464..-4169); the root "/" is zero bytes.
// CAST(h AS nvarchar(4000)) and h.ToString() give the text.
#pragma once

#include <string>
#include <string_view>

namespace tdstest {

// "/1/3/", "/1.5/-2/", "/" for the root. Throws std::invalid_argument when
// the bytes are not a hierarchyid.
std::string hierarchyid_text(std::string_view bytes);

// hierarchyid::Parse: the bytes of "/1/3/". Throws std::invalid_argument on
// text that is not a path of integers ending in "/".
std::string hierarchyid_bytes(std::string_view text);

}  // namespace tdstest
