#ifndef EBCHECK_CYAML_SHIM_H
#define EBCHECK_CYAML_SHIM_H
#include <yaml.h>
#endif
