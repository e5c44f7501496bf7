// geometry and geography values of the test server: points, linestrings
// and polygons (2D) parsed from WKT, stored in SQL Server's CLR
// serialization ([MS-SSCLRT] 2.1, version 1: SRID, version, flags, points,
// figures, shapes) and served as WKB (STAsBinary, AsBinaryZM: little-endian
// OGC WKB) and SRID (STSrid). Geography points are (latitude, longitude) in
// the CLR form and (longitude latitude) in WKT and WKB, as in SQL Server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tdstest {

struct Spatial {
  int type = 1;  // OGC: 1 point, 2 linestring, 3 polygon
  std::vector<std::vector<std::pair<double, double>>> figures;  // (x, y) = (longitude, latitude) for geography
  std::int32_t srid = 0;
  bool geography = false;
};

// 'POINT(1 2)', 'LINESTRING(0 0, 1 1)', 'POLYGON((0 0, 1 0, 1 1, 0 0))'.
// Throws std::runtime_error naming the text when it is not one of those.
Spatial spatial_from_wkt(std::string_view wkt, std::int32_t srid, bool geography);
std::string clr_bytes(const Spatial& s);
// Throws std::runtime_error when the bytes are not a value clr_bytes writes.
Spatial spatial_from_clr(std::string_view bytes, bool geography);
std::string wkb_bytes(const Spatial& s);

}  // namespace tdstest
