/* minipy/structmember.h: the type codes and flags of PyMemberDef (CPython's
 * Include/structmember.h, same values). Like CPython's it is not included by Python.h: a
 * file that lists tp_members includes it. PyMemberDef itself is in descrobject.h. */
#ifndef MINIPY_STRUCTMEMBER_H
#define MINIPY_STRUCTMEMBER_H

#include <stddef.h> /* offsetof */

#include "minipy/descrobject.h"

#define T_SHORT          0
#define T_INT            1
#define T_LONG           2
#define T_FLOAT          3
#define T_DOUBLE         4
#define T_STRING         5 /* char *, read-only; NULL reads as None */
#define T_OBJECT         6 /* PyObject *; NULL reads as None */
#define T_CHAR           7 /* a 1-character str */
#define T_BYTE           8
#define T_UBYTE          9
#define T_USHORT         10
#define T_UINT           11
#define T_ULONG          12
#define T_STRING_INPLACE 13 /* a char array inside the object, read-only */
#define T_BOOL           14 /* a char holding 0 or 1 */
#define T_OBJECT_EX      16 /* PyObject *; NULL raises AttributeError (__slots__ are these) */
#define T_LONGLONG       17
#define T_ULONGLONG      18
#define T_PYSSIZET       19
#define T_NONE           20 /* always None */

#define READONLY            1
#define READ_RESTRICTED     2
#define PY_WRITE_RESTRICTED 4
#define RESTRICTED          (READ_RESTRICTED | PY_WRITE_RESTRICTED)
#define PY_AUDIT_READ       READ_RESTRICTED

#endif /* MINIPY_STRUCTMEMBER_H */
