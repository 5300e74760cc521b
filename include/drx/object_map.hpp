// drx: object_map<T>, a JSON object with free keys that keeps the order its keys came in.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drx {

/// A JSON object whose keys are data (metric names, passthrough column names), written back
/// in the order they were read or inserted. Reading reports duplicate keys (contract section 3).
template <class T>
class object_map {
public:
    using value_type = std::pair<std::string, T>;
    using iterator = typename std::vector<value_type>::iterator;
    using const_iterator = typename std::vector<value_type>::const_iterator;

    object_map() = default;
    object_map(std::initializer_list<value_type> init) : items_(init) {}

    iterator begin() noexcept { return items_.begin(); }
    iterator end() noexcept { return items_.end(); }
    const_iterator begin() const noexcept { return items_.begin(); }
    const_iterator end() const noexcept { return items_.end(); }
    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }

    /// The value of `key`, or nullptr.
    T* find(std::string_view key) noexcept {
        auto it = std::find_if(items_.begin(), items_.end(), [&](value_type const& p) { return p.first == key; });
        return it == items_.end() ? nullptr : &it->second;
    }
    T const* find(std::string_view key) const noexcept { return const_cast<object_map*>(this)->find(key); }
    bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

    /// Sets `key` to `value`, keeping the key's position when it exists, appending otherwise.
    T& set(std::string_view key, T value) {
        if (T* p = find(key)) return *p = std::move(value);
        return items_.emplace_back(std::string(key), std::move(value)).second;
    }
    /// Appends without looking for an existing key (the reader checks duplicates itself).
    T& append(std::string key, T value = T{}) { return items_.emplace_back(std::move(key), std::move(value)).second; }

    friend bool operator==(object_map const&, object_map const&) = default;

private:
    std::vector<value_type> items_;
};

}  // namespace drx
