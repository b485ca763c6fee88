// Choosing pymalloc's geometry at start-up (geometry.hpp): the names minipy_pymalloc_configure()
// and MINIPY_PYMALLOC_GEOMETRY take, and installing a geometry, which is only possible while
// no arena exists.
#include <cstring>

#include "minipy/pymalloc.h"
#include "pymalloc/arena.hpp"
#include "pymalloc/state.hpp"

namespace minipy::pymalloc {

bool parse_geometry(const char *name, Geometry *out) noexcept {
    if (name == nullptr || name[0] == '\0' || std::strcmp(name, "default") == 0) {
        *out = kDefaultGeometry;
    } else if (std::strcmp(name, "small") == 0) {
        *out = Geometry::small;
    } else if (std::strcmp(name, "large") == 0) {
        *out = Geometry::large;
    } else {
        return false;
    }
    return true;
}

bool set_geometry(Geometry geometry) noexcept {
    if (g_state.layout.geometry == geometry) return true;
    // Every arena, pool header and map entry was made for the old geometry: none may remain.
    if (g_state.lists_constructed) {
        release_free_arenas();
        if (!lists().all_arenas.empty()) return false;
    }
    g_state.layout = make_layout(geometry);
    g_state.header_mask = header_mask_of(g_state.layout);
    return true;
}

}  // namespace minipy::pymalloc

extern "C" int minipy_pymalloc_configure(const char *geometry) noexcept {
    using namespace minipy::pymalloc;
    Geometry g;
    if (!parse_geometry(geometry, &g)) return -1;
    return set_geometry(g) ? 0 : -2;
}
