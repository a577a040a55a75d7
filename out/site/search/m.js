dgSearchShard("m", [
["Baltic Council of Ministers","Organization","organization/b3/baltic-council-of-ministers.html"],
["Council of the European Union","Organization","organization/7e/council-of-the-european-union.html"],
["International Organization for Migration","Organization","organization/68/international-organization-for-migration.html"],
["Nordic Council of Ministers","Organization","organization/23/nordic-council-of-ministers.html"],
["Mexico","State","state/9f/MEX.html"],
["Malaysia","State","state/ee/MYS.html"],
["Agreement of Friendship, Cooperation and Mutual Assistance","Treaty","treaty/36/agreement-of-friendship-cooperation-and-mutual-assistance.html"]
], [
["ministers","Baltic Council of Ministers",0,18],
["ministers-of-the-european-union","Council of Ministers of the European Union",1,11],
["migration","International Organization for Migration",2,31],
["migration","International Organisation for Migration",2,31],
["ministers","Nordic Council of Ministers",3,18],
["mexico","Mexico",4,0],
["mexican-states","United Mexican States",4,7],
["malaysia","Malaysia",5,0],
["mutual-assistance","Agreement of Friendship, Cooperation and Mutual Assistance",6,40],
["mutual-assistance","Agreement of Friendship, Co-operation and Mutual Assistance",6,41]
]);
