dgSearchShard("6", [
["Nordic-Baltic Six","StateGroup","group/d9/nordic-baltic-six.html"]
], [
["6","NB-6",0,3]
]);
