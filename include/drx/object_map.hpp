// SPDX-License-Identifier: BSL-1.0
// drx: object_map<T>, a JSON object with free keys that keeps the order its keys came in.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace drx {

/// A JSON object whose keys are data (metric names, passthrough column names), written back in the
/// order they were read or inserted. Reading reports duplicate keys (docs/reference/reading.md).
template <class T>
class object_map {
public:
    using value_type = std::pair<std::string, T>;
    using iterator = typename std::vector<value_type>::iterator;
    using const_iterator = typename std::vector<value_type>::const_iterator;

    object_map() = default;
    object_map(std::initializer_list<value_type> init) : items_(init) { rebuild_if_large(); }

    iterator begin() noexcept { return items_.begin(); }
    iterator end() noexcept { return items_.end(); }
    const_iterator begin() const noexcept { return items_.begin(); }
    const_iterator end() const noexcept { return items_.end(); }
    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }

    /// The value of `key` (its first occurrence), or nullptr. Constant time on average: maps
    /// of more than a few keys keep a hash index, kept up to date by set() and append(). Keys
    /// must not be changed through iterators (values may).
    T* find(std::string_view key) noexcept {
        if (!index_.empty()) {
            auto it = index_.find(key);
            return it == index_.end() ? nullptr : &items_[it->second].second;
        }
        auto it = std::find_if(items_.begin(), items_.end(), [&](value_type const& p) { return p.first == key; });
        return it == items_.end() ? nullptr : &it->second;
    }
    T const* find(std::string_view key) const noexcept { return const_cast<object_map*>(this)->find(key); }
    bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

    /// Sets `key` to `value`, keeping the key's position when it exists, appending otherwise.
    T& set(std::string_view key, T value) {
        if (T* p = find(key)) return *p = std::move(value);
        return append(std::string(key), std::move(value));
    }
    /// Appends without looking for an existing key (the reader checks duplicates itself); a
    /// repeated key keeps find() on its first occurrence.
    T& append(std::string key, T value = T{}) {
        std::size_t const cap = items_.capacity();
        items_.emplace_back(std::move(key), std::move(value));
        if (items_.capacity() != cap)  // the keys moved: views of them are stale (amortized O(1))
            rebuild_if_large();
        else if (!index_.empty())
            index_.emplace(items_.back().first, items_.size() - 1);
        return items_.back().second;
    }

    object_map(object_map const& o) : items_(o.items_) { rebuild_if_large(); }
    object_map(object_map&& o) noexcept : items_(std::move(o.items_)), index_(std::move(o.index_)) { o.index_.clear(); }
    object_map& operator=(object_map const& o) {
        if (this != &o) {
            items_ = o.items_;
            index_.clear();
            rebuild_if_large();
        }
        return *this;
    }
    object_map& operator=(object_map&& o) noexcept {
        items_ = std::move(o.items_);
        index_ = std::move(o.index_);
        o.items_.clear();
        o.index_.clear();
        return *this;
    }
    ~object_map() = default;

    friend bool operator==(object_map const& a, object_map const& b) { return a.items_ == b.items_; }

private:
    // Up to this many keys a linear scan is as fast as hashing, and costs no memory.
    static constexpr std::size_t linear_limit = 16;

    struct hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    void rebuild() {
        // The index holds views of the keys, so it is rebuilt whenever the vector moves them.
        index_.clear();
        for (std::size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].first, i);
    }
    void rebuild_if_large() {
        if (items_.size() > linear_limit) rebuild();
    }

    std::vector<value_type> items_;
    std::unordered_map<std::string_view, std::size_t, hash, std::equal_to<>> index_;
};

}  // namespace drx
