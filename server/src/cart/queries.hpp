#pragma once
// The cart domain's SQL (the same on SQLite and MariaDB). A guest cart is found by the hash of
// its token, never by the token itself.
#include <string_view>

namespace moderno::cart::sql {

inline constexpr std::string_view kCartByTokenHash = "SELECT id FROM carts WHERE token_hash = ?";
inline constexpr std::string_view kCartOfUser = "SELECT id FROM carts WHERE user_id = ?";
inline constexpr std::string_view kInsertGuestCart = "INSERT INTO carts (token_hash, created_at, updated_at) VALUES (?, ?, ?)";
inline constexpr std::string_view kInsertUserCart = "INSERT INTO carts (user_id, created_at, updated_at) VALUES (?, ?, ?)";
inline constexpr std::string_view kAdoptGuestCart =
    "UPDATE carts SET user_id = ?, token_hash = NULL, updated_at = ? WHERE id = ?";
inline constexpr std::string_view kGuestLines =
    "SELECT product_id, variant_id, variant_key, quantity, unit_price FROM cart_items WHERE cart_id = ?";
inline constexpr std::string_view kLineQuantities = "SELECT product_id, variant_key, quantity FROM cart_items WHERE cart_id = ?";
inline constexpr std::string_view kSetLineQuantity =
    "UPDATE cart_items SET quantity = ?, updated_at = ? WHERE cart_id = ? AND product_id = ? AND variant_key = ?";
inline constexpr std::string_view kInsertLine =
    "INSERT INTO cart_items (cart_id, product_id, variant_id, variant_key, quantity, unit_price, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
// The guest cart's coupon when the user's has none. Parameters: guest cart, now, user cart.
inline constexpr std::string_view kTakeGuestCoupon =
    "UPDATE carts SET coupon_code = COALESCE(coupon_code, (SELECT coupon_code FROM carts WHERE id = ?)), "
    "updated_at = ? WHERE id = ?";
inline constexpr std::string_view kDeleteCart = "DELETE FROM carts WHERE id = ?";
inline constexpr std::string_view kCouponOfCart = "SELECT coupon_code FROM carts WHERE id = ?";
inline constexpr std::string_view kLines =
    "SELECT id, product_id, variant_key, quantity, unit_price FROM cart_items WHERE cart_id = ? ORDER BY id";
inline constexpr std::string_view kLineQuantity =
    "SELECT quantity FROM cart_items WHERE cart_id = ? AND product_id = ? AND variant_key = ?";
inline constexpr std::string_view kRepriceItem =
    "UPDATE cart_items SET quantity = ?, unit_price = ?, updated_at = ? WHERE cart_id = ? AND product_id = ? "
    "AND variant_key = ?";
inline constexpr std::string_view kCountLines = "SELECT COUNT(*) FROM cart_items WHERE cart_id = ?";
inline constexpr std::string_view kTouchCart = "UPDATE carts SET updated_at = ? WHERE id = ?";
inline constexpr std::string_view kLineItem = "SELECT product_id, variant_key FROM cart_items WHERE id = ? AND cart_id = ?";
inline constexpr std::string_view kRepriceLine = "UPDATE cart_items SET quantity = ?, unit_price = ?, updated_at = ? WHERE id = ?";
inline constexpr std::string_view kDeleteLine = "DELETE FROM cart_items WHERE id = ? AND cart_id = ?";
inline constexpr std::string_view kDeleteLines = "DELETE FROM cart_items WHERE cart_id = ?";
inline constexpr std::string_view kSetCoupon = "UPDATE carts SET coupon_code = ?, updated_at = ? WHERE id = ?";

}  // namespace moderno::cart::sql
