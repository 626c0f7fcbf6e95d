#ifndef LXC_CORE_CAPS_H
#define LXC_CORE_CAPS_H
#include "sync.h"
/* Drop capability numbers from the bounding, ambient and inheritable sets. */
int caps_drop(const int *caps, int n, struct failure *f);
#endif
