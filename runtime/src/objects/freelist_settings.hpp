// Whether the object parts keep free lists (PyConfig.use_freelists, resolved by
// Py_InitializeFromConfig in lifecycle.cpp; read by float, tuple, list and dict on every free).
// Internal to runtime/.
#ifndef MINIPY_OBJECTS_FREELIST_SETTINGS_HPP
#define MINIPY_OBJECTS_FREELIST_SETTINGS_HPP

namespace minipy::runtime {

struct ObjectSettings {
    bool use_freelists = true;
};
extern constinit ObjectSettings g_object_settings;
inline bool use_freelists() noexcept {
    return g_object_settings.use_freelists;
}

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_FREELIST_SETTINGS_HPP
