locals {
  integer     = 42
  float       = 3.14159
  exponent    = 1e3
  exponent2   = 2.5E-3
  zero        = 0
  big         = 1234567890
  list_mixed  = [1, 2.5, "three", true, null]
  empty_list  = []
  empty_map   = {}
  colon_map   = { "a" : 1, "b" : 2 }
}
